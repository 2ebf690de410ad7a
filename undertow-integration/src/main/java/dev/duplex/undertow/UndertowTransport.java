package dev.duplex.undertow;

import dev.duplex.transport.Handoff;
import dev.duplex.transport.Pump;
import dev.duplex.transport.ReadBuffers;
import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import dev.duplex.transport.WriteCallback;
import io.undertow.server.ServerConnection;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.xnio.Buffers;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.ssl.SslConnection;

/**
 * A {@link Transport} on the XNIO connection of an upgraded Undertow exchange. It is the connection's read and write
 * listener and, through Undertow's HTTP connection object, its close listener: nothing else is allocated per
 * connection, and an idle connection holds no buffer (reads use the I/O thread's {@link ReadBuffers}).
 *
 * <p><b>Reading</b> happens only on the connection's XNIO I/O thread, in read events: non-blocking reads until the
 * channel has nothing more (reads stay resumed, XNIO watches the socket), at most {@value #READS_PER_EVENT} per
 * event before the thread serves its other connections. Without TLS, a read that does not fill the buffer is the
 * event's last: the socket held no more. Every call to the {@link TransportListener} is made on
 * that thread, one at a time, never nested in a {@link Transport} call. Pausing is a flag: the next read event
 * sees it and suspends reads; resuming from any thread clears it and, if reads were suspended, resumes them on the
 * I/O thread (a task hop: Undertow's TLS conduit is not thread-safe). Replies written by inline callbacks during a
 * read wait until the listener returns: one write for the first, then the others that queued behind it, gathered.
 * <pre>
 *   reading ──PAUSED seen by a read event──▶ SUSPENDED (reads suspended) ──resumeReading──▶ reading (I/O thread)
 *   any ──EOF, I/O error, socket closed──▶ ENDED ──(on the I/O thread)──▶ END_DELIVERED: one onEof or onError
 * </pre>
 *
 * <p><b>Writing</b> may start on any thread and is passed between threads by a {@link Pump} (whose task is
 * {@link #run}): a non-blocking gathering write and a flush on the sink channel; what does not fit goes out from
 * the write listener, on the I/O thread. A burst of callbacks on a worker (executor dispatch, {@link #runBurst})
 * writes its first reply at once and holds the next ones back, copied (up to {@value #HOLD_LIMIT} bytes, their
 * writes completed), to leave in one write as it ends; should a callback block meanwhile, the I/O thread writes
 * them within about {@value #VALVE_MILLIS} ms. The XNIO sink keeps no bytes of its own, hence the copy.
 * A write's callback completes once every byte is handed to the socket. <b>Closing</b> waits for the outstanding
 * write, then closes the socket (CLOSE_REQUESTED, then CLOSED); Undertow's close listener then reports end-of-file.
 * No thread ever waits (DESIGN.md §3 rule 1).
 */
final class UndertowTransport implements Transport, ChannelListener<Channel>, ServerConnection.CloseListener,
        Runnable, Executor {

    private static final System.Logger LOG = System.getLogger(UndertowTransport.class.getName());
    /** One per XNIO I/O thread (of every Undertow server in this class's reach): see {@link #execute}. */
    private static final Map<XnioIoThread, Handoff> HANDOFFS = new ConcurrentHashMap<>();
    private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];
    /** Reads in one read event before the I/O thread is left to its other connections (32 × 8 KiB). */
    static final int READS_PER_EVENT = 32;
    /** Reply bytes one burst of callbacks may hold back, to leave in one write as the burst ends. */
    static final int HOLD_LIMIT = 4096;
    /** How long bytes held back by a burst that is still running (a callback blocks) may wait. */
    static final long VALVE_MILLIS = 2;

    /** Duplex asked to stop reading. */
    private static final int PAUSED = 1;
    /** A read event saw PAUSED and suspended reads: resuming must resume them. */
    private static final int SUSPENDED = 2;
    /** {@link #close()} was called: later writes fail, the socket closes after the outstanding write. */
    private static final int CLOSE_REQUESTED = 4;
    /** The socket is closed (by us, or by Undertow). */
    private static final int CLOSED = 8;
    /** The ending is recorded in {@link #failure}. */
    private static final int ENDED = 16;
    /** The listener was told of the ending. */
    private static final int END_DELIVERED = 32;

    private static final VarHandle STATE;
    private static final VarHandle CALLBACK;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(UndertowTransport.class, "state", int.class);
            CALLBACK = lookup.findVarHandle(UndertowTransport.class, "callback", WriteCallback.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final StreamConnection connection;
    private final boolean secure;
    /** TLS on the connection itself (the request may call a plain connection secure, behind a TLS proxy). */
    private final boolean tls;
    private final Pump writePump = new Pump(this);
    private volatile TransportListener listener;
    /** The flags above; changed with {@link #STATE}. */
    private volatile int state;
    /** The recorded ending: null for end-of-file. Written once, before the ending is delivered. */
    private volatile Throwable failure;
    /** The outstanding write and its callback (one at a time); whoever takes the callback completes it. */
    private volatile ByteBuffer[] pending;
    private volatile WriteCallback callback;
    /** The I/O thread while it is inside {@link TransportListener#onRead}: its replies wait for the read's end. */
    private volatile Thread readingThread;
    /** The worker running a burst of this connection's callbacks (executor dispatch): see {@link #runBurst}. */
    private volatile Thread burstThread;
    /** Writes the running burst made; its thread only. */
    private int burstWrites;
    /**
     * Reply bytes a burst holds back (copied, their writes completed), or null; owner of the write pump only. Filled
     * while {@link #heldOut} is false; once true it is being written out and takes no more.
     */
    private ByteBuffer held;
    private boolean heldOut;
    /** A check that writes what a blocked burst holds is due on the I/O thread. */
    private volatile boolean valveArmed;
    /** Owner of the write pump only: the write listener is resumed. */
    private boolean writeInterest;
    /** Duplex's callback pool: runs callbacks when Undertow's worker takes no more tasks (it is stopping). */
    private volatile Executor pool;

    UndertowTransport(StreamConnection connection, boolean secure) {
        this.connection = connection;
        this.secure = secure;
        this.tls = secure || connection instanceof SslConnection;
    }

    @Override
    public void start(TransportListener listener) {
        this.listener = listener;
        // Undertow's HTTP read listener may still be running on the I/O thread (it suspends reads when bytes arrive
        // during a request): take reading over there, after it.
        onIoThread(this::startReading);
    }

    private void startReading() {
        if (!connection.isOpen()) {
            end(new EOFException("the connection closed during the upgrade"));
            return;
        }
        ConduitStreamSourceChannel source = connection.getSourceChannel();
        source.setReadListener(this);
        source.resumeReads(); // also delivers the bytes that came with the request head, if any
    }

    /** XNIO's read or write event, on the connection's I/O thread. */
    @Override
    public void handleEvent(Channel channel) {
        if (channel instanceof ConduitStreamSourceChannel source) {
            read(source);
        } else {
            writePump.run();
        }
    }

    // ---------------------------------------------------------------- reading (the I/O thread)

    private void read(ConduitStreamSourceChannel source) {
        byte[] array = ReadBuffers.take(); // per thread: an idle connection holds none
        ByteBuffer buffer = ByteBuffer.wrap(array);
        try {
            for (int reads = 0; mayRead(source); reads++) {
                if (reads == READS_PER_EVENT) {
                    source.wakeupReads(); // more later, after the thread's other connections
                    return;
                }
                buffer.clear();
                int n = source.read(buffer);
                if (n == 0) {
                    return; // reads stay resumed: XNIO calls again when bytes arrive
                }
                if (n < 0) {
                    source.suspendReads();
                    end(null);
                    return;
                }
                boolean drained = !tls && buffer.hasRemaining(); // see below
                buffer.flip();
                deliver(buffer);
                if (drained) {
                    // A plain read that did not fill the buffer emptied the socket: the next one would find nothing.
                    // Reads stay resumed, so XNIO reports what arrives later (one system call per message saved).
                    // Over TLS the conduit may hold decrypted records the selector cannot see: read until nothing.
                    mayRead(source); // suspends reads now if the listener paused or closed
                    return;
                }
            }
        } catch (IOException e) {
            end(e);
        } finally {
            ReadBuffers.give(array);
        }
    }

    /** False, with reads suspended, once the connection ended, is closing, or is paused (then SUSPENDED). */
    private boolean mayRead(ConduitStreamSourceChannel source) {
        while (true) {
            int s = state;
            if ((s & (ENDED | CLOSE_REQUESTED | CLOSED)) != 0) {
                source.suspendReads();
                return false;
            }
            if ((s & PAUSED) == 0) {
                return true;
            }
            if (STATE.compareAndSet(this, s, s | SUSPENDED)) {
                source.suspendReads();
                return false;
            }
        }
    }

    private void deliver(ByteBuffer data) {
        readingThread = Thread.currentThread();
        try {
            listener.onRead(data);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Duplex failed while reading from " + connection.getPeerAddress(), e);
            end(e);
        } finally {
            readingThread = null;
        }
        if (callback != null) {
            writePump.run(); // the replies written during this read
        }
    }

    @Override
    public void pauseReading() {
        STATE.getAndBitwiseOr(this, PAUSED);
    }

    @Override
    public void resumeReading() {
        int s = (int) STATE.getAndBitwiseAnd(this, ~(PAUSED | SUSPENDED));
        if ((s & SUSPENDED) != 0 && (s & (ENDED | CLOSE_REQUESTED | CLOSED)) == 0) {
            // Resumed even if paused again meanwhile: the next read event then suspends (and marks) them again.
            onIoThread(() -> connection.getSourceChannel().resumeReads());
        }
    }

    // ---------------------------------------------------------------- writing (any thread, through the pump)

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        if ((state & (CLOSE_REQUESTED | CLOSED | ENDED)) != 0) {
            callback.failed(new IOException("the connection is closed"));
            return;
        }
        pending = buffers;
        this.callback = callback;
        if ((state & (CLOSED | ENDED)) != 0 && CALLBACK.compareAndSet(this, callback, null)) {
            pending = null; // the ending came meanwhile and did not see this write
            callback.failed(new IOException("the connection is closed"));
            return;
        }
        writePump.run();
    }

    /** The task of {@link #writePump} (this object is it, to spare a lambda per connection): not for others. */
    @Override
    public void run() {
        WriteCallback cb = callback;
        ByteBuffer[] buffers = pending;
        if (buffers == null) {
            cb = null; // none outstanding (write() sets the buffers first, and takes one at a time)
        }
        if (cb != null) {
            Thread me = Thread.currentThread();
            if (me == readingThread) {
                return; // a reply of the read in progress: it leaves when the listener returns (see deliver)
            }
            if (me == burstThread && hold(buffers)) {
                if (CALLBACK.compareAndSet(this, cb, null)) {
                    pending = null;
                    cb.completed(); // may write again: the pump then runs this once more
                }
                return;
            }
        }
        ByteBuffer h = held;
        if (cb != null || h != null) {
            try {
                if (h != null && !heldOut) {
                    h.flip();
                    heldOut = true;
                }
                if (!writeAll(h, cb != null ? buffers : NO_BUFFERS)) {
                    awaitWritable();
                    return;
                }
            } catch (IOException | RuntimeException e) {
                failWrite(e);
                return;
            }
            held = null;
            heldOut = false;
            stopWriteInterest();
            if (cb != null && CALLBACK.compareAndSet(this, cb, null)) {
                pending = null;
                cb.completed(); // may write again: the pump then runs this once more
            }
        } else {
            stopWriteInterest();
        }
        if ((state & CLOSE_REQUESTED) != 0 && callback == null && held == null) {
            closeSocket();
        }
    }

    /**
     * On the burst's thread: copies a reply into the bytes the burst holds back, unless it is the burst's first
     * (which leaves at once: a burst of one message, one message in flight, waits for nothing), too large, or the
     * connection is closing. The first bytes held arm the valve.
     */
    private boolean hold(ByteBuffer[] buffers) {
        if (burstWrites++ == 0 || heldOut || (state & CLOSE_REQUESTED) != 0) {
            return false;
        }
        long n = Buffers.remaining(buffers);
        ByteBuffer h = held;
        if (n > HOLD_LIMIT - (h == null ? 0 : h.position())) {
            return false; // this write takes what is held along
        }
        if (h == null) {
            h = ByteBuffer.allocate(HOLD_LIMIT);
            held = h;
            armValve();
        }
        for (ByteBuffer b : buffers) {
            h.put(b);
        }
        return true;
    }

    /** Has the I/O thread write, in about {@value #VALVE_MILLIS} ms, what a burst that is still running holds. */
    private void armValve() {
        if (valveArmed) {
            return;
        }
        valveArmed = true;
        try {
            connection.getIoThread().executeAfter(this::valve, VALVE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            valveArmed = false; // the I/O thread is stopping: the burst's end writes what it holds
        }
    }

    private void valve() {
        valveArmed = false;
        writePump.run(); // not the burst's thread: what is held is written now
    }

    /**
     * A burst of this connection's callbacks on a worker (executor dispatch): the replies it writes after its first
     * are held back and leave together as it ends, one write for many (a callback that blocks with replies held has
     * them written by the valve within about {@value #VALVE_MILLIS} ms).
     */
    private void runBurst(Runnable burst) {
        burstWrites = 0;
        burstThread = Thread.currentThread();
        try {
            burst.run();
        } finally {
            burstThread = null;
            writePump.run(); // what the burst holds leaves now
        }
    }

    /** Hands every byte ({@code first}, if any, then {@code buffers}) to the socket; false when it takes no more. */
    private boolean writeAll(ByteBuffer first, ByteBuffer[] buffers) throws IOException {
        ConduitStreamSinkChannel sink = connection.getSinkChannel();
        if (first != null && first.hasRemaining()) {
            ByteBuffer[] all = new ByteBuffer[buffers.length + 1];
            all[0] = first;
            System.arraycopy(buffers, 0, all, 1, buffers.length);
            buffers = all;
        }
        while (Buffers.hasRemaining(buffers)) {
            if (sink.write(buffers, 0, buffers.length) == 0) {
                return false;
            }
        }
        return sink.flush();
    }

    /** The rest goes out from the write listener, when the socket can take it. */
    private void awaitWritable() {
        if (!writeInterest) {
            writeInterest = true;
            ConduitStreamSinkChannel sink = connection.getSinkChannel();
            sink.setWriteListener(this);
            sink.resumeWrites();
        }
    }

    private void stopWriteInterest() {
        if (writeInterest) {
            writeInterest = false;
            connection.getSinkChannel().suspendWrites();
        }
    }

    private void failWrite(Throwable e) {
        WriteCallback failed = (WriteCallback) CALLBACK.getAndSet(this, null);
        if (failed != null) {
            pending = null;
            failed.failed(e);
        }
        end(e);
    }

    // ---------------------------------------------------------------- closing and endings

    @Override
    public void close() {
        STATE.getAndBitwiseOr(this, CLOSE_REQUESTED);
        writePump.run(); // closes the socket once the outstanding write is out
    }

    /** Closes the socket once; Undertow then calls {@link #closed}. */
    private void closeSocket() {
        int s = (int) STATE.getAndBitwiseOr(this, CLOSED);
        if ((s & CLOSED) == 0) {
            IoUtils.safeClose(connection);
        }
    }

    /** Undertow's close listener: the socket closed, on whatever thread closed it. */
    @Override
    public void closed(ServerConnection serverConnection) {
        int s = (int) STATE.getAndBitwiseOr(this, CLOSED);
        end((s & CLOSED) != 0 ? null : new IOException("Undertow closed the connection"));
    }

    /**
     * Records the ending once (null: end-of-file), fails the outstanding write, closes the socket after a failure,
     * and has the listener told on the I/O thread.
     */
    private void end(Throwable cause) {
        while (true) {
            int s = state;
            if ((s & ENDED) != 0) {
                return;
            }
            if (STATE.compareAndSet(this, s, s | ENDED)) {
                break;
            }
        }
        failure = cause;
        WriteCallback waiting = (WriteCallback) CALLBACK.getAndSet(this, null);
        if (waiting != null) {
            pending = null;
            waiting.failed(cause != null ? cause : new EOFException("the peer closed the connection"));
        }
        if (cause != null) {
            closeSocket(); // the connection is unusable
        }
        onIoThread(this::deliverEnd);
    }

    private void deliverEnd() {
        int s = (int) STATE.getAndBitwiseOr(this, END_DELIVERED);
        TransportListener l = listener;
        if ((s & END_DELIVERED) != 0 || l == null) {
            return;
        }
        Throwable f = failure;
        try {
            if (f == null) {
                l.onEof();
            } else {
                l.onError(f);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Duplex failed while ending the connection " + connection.getPeerAddress(), e);
        }
    }

    /**
     * Runs {@code task} on the connection's I/O thread: now when this is that thread and no listener call of this
     * connection is under way on it, else as a task there. When the thread takes no more tasks (Undertow stops),
     * the connection is closed and the ending told from here.
     */
    private void onIoThread(Runnable task) {
        XnioIoThread io = connection.getIoThread();
        if (Thread.currentThread() == io && readingThread == null) {
            task.run();
            return;
        }
        try {
            io.execute(task);
        } catch (RejectedExecutionException e) {
            closeSocket();
            end(new IOException("Undertow's I/O thread is stopping", e));
            deliverEnd(); // that thread will call nothing of ours any more
        }
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    /**
     * Callbacks that are not run inline go to Undertow's worker threads, which serve its servlet requests and may
     * block, rather than to threads of Duplex's: a burst of handshakes then starts no threads (this object is the
     * executor, to spare one per connection).
     */
    @Override
    public Executor callbackExecutor(Executor pool) {
        this.pool = pool;
        return this;
    }

    /**
     * A callback task, on Undertow's worker; on Duplex's pool once that worker is shutting down. Tasks queued on
     * the I/O thread go through its {@link Handoff}: one worker thread woken per pass of the I/O thread, not one per
     * message.
     */
    @Override
    public void execute(Runnable task) {
        Runnable burst = () -> runBurst(task);
        XnioIoThread io = connection.getIoThread();
        XnioWorker worker = connection.getWorker();
        if (Thread.currentThread() == io && !worker.isShutdown()) {
            handoff(io).execute(burst);
            return;
        }
        try {
            worker.execute(burst);
        } catch (RejectedExecutionException e) {
            pool.execute(burst);
        }
    }

    /** The I/O thread's handoff, made on first use; those of I/O threads that have ended are let go then. */
    private static Handoff handoff(XnioIoThread io) {
        Handoff handoff = HANDOFFS.get(io);
        if (handoff == null) {
            HANDOFFS.keySet().removeIf(thread -> !thread.isAlive()); // of servers stopped since
            handoff = HANDOFFS.computeIfAbsent(io, thread -> new Handoff(thread.getWorker(), new Handoff.Loop() {
                @Override
                public void afterEvents(Runnable task) {
                    thread.execute(task); // XNIO runs the tasks queued during a pass before it selects again
                }

                @Override
                public void after(Runnable task, long millis) {
                    thread.executeAfter(task, millis, TimeUnit.MILLISECONDS);
                }
            }));
        }
        return handoff;
    }

    /** XNIO writes from any thread: an inline onOpen may send before reading starts. */
    @Override
    public boolean writesBeforeStartReturns() {
        return true;
    }
}
