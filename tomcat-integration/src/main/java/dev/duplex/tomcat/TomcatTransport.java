package dev.duplex.tomcat;

import dev.duplex.transport.Pump;
import dev.duplex.transport.ReadBuffers;
import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import dev.duplex.transport.WriteCallback;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketBufferHandler;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * A {@link Transport} on Tomcat's socket wrapper, driven by {@link TomcatUpgradeHandler#upgradeDispatch}.
 *
 * <p><b>Reading</b> of a plain NIO connection happens on a {@link TomcatReadLoop} of Duplex's own ({@link LoopReader};
 * unless {@value TomcatConnectionUpgrader#READ_LOOP_KEY}{@code =never}): the socket stays registered (no trip
 * through Tomcat's poller per message), and with inline dispatch the callbacks run on the loop's thread. Otherwise
 * (TLS) reading happens in Tomcat's read events (its worker threads, one event at a time per connection):
 * non-blocking reads until the socket has nothing more (without TLS, a read that does not fill the buffer says so),
 * then {@code UPGRADED} (Tomcat watches the socket again).
 * Paused, an event returns {@code SUSPENDED} (Tomcat stops watching); resuming asks Tomcat for a read event
 * ({@code processSocket}), which also reads what Tomcat already holds. Replies written by the callbacks of one read
 * (inline dispatch) wait in Tomcat's write buffer and leave in one write when the read's messages are handled,
 * up to {@value #DEFER_LIMIT} bytes.
 *
 * <p><b>Writing</b> may start on any thread and is passed between threads by a {@link Pump}: non-blocking writes
 * into Tomcat's buffers, then a non-blocking flush; what does not fit goes out on Tomcat's write event. A write's
 * callback completes once its bytes are flushed (or, for a deferred reply, are in Tomcat's buffer).
 *
 * <p><b>Closing</b> is always done by Tomcat: a dispatch returns {@code CLOSED} once everything is flushed, and
 * Tomcat closes the socket and destroys the handler. Outside a dispatch, the transport asks for one.
 * No container thread ever waits (DESIGN.md §3 rule 1).
 */
final class TomcatTransport implements Transport, Runnable {

    /** Reply bytes a read may leave unflushed in Tomcat's buffer, to be written together as the read ends. */
    static final int DEFER_LIMIT = 64 * 1024;

    // VarHandles instead of atomic wrappers: two objects less per connection
    private static final VarHandle PENDING_CALLBACK;
    private static final VarHandle ENDED;
    private static final VarHandle WATCHED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING_CALLBACK = lookup.findVarHandle(TomcatTransport.class, "pendingCallback", WriteCallback.class);
            ENDED = lookup.findVarHandle(TomcatTransport.class, "ended", boolean.class);
            WATCHED = lookup.findVarHandle(TomcatTransport.class, "watched", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SocketWrapperBase<?> socket;
    private final boolean secure;
    /** TLS on the socket itself (the request may call a plain connection secure, behind a TLS proxy). */
    private final boolean tls;
    private volatile TransportListener listener;

    private final Pump writePump = new Pump(this);
    private volatile ByteBuffer[] pending;
    private volatile WriteCallback pendingCallback; // set, swapped and cleared through PENDING_CALLBACK
    /** Incremented for each write; the pump copies a write's buffers once ({@link #copiedWrite}). */
    private volatile int writeCount;
    private int copiedWrite;
    private int unflushed;
    private volatile boolean flushNeeded;
    /**
     * The thread handling the bytes of a read event (Tomcat's read events), or running a burst of this connection's
     * callbacks (a read loop's connection), while it does: its replies are flushed together as it ends.
     */
    private volatile Thread readingThread;

    private volatile boolean ended; // set once, through ENDED
    private volatile boolean closeRequested;
    // The flags below are guarded by this object's monitor (no lock object of its own: 16 B less per connection).
    private boolean paused;
    private boolean suspended;
    private boolean inDispatch;
    private boolean closeReady;
    private boolean closing;

    /** Whether reading moves to a {@link TomcatReadLoop}: asked for, and a plain NIO socket. */
    private final boolean loopable;
    /** Whether callbacks run on the container's executor; if not, a loop's callbacks run on the loop's thread. */
    private final boolean executorDispatch;
    /** What reads this connection on a loop, made in {@link #callbackExecutor}; null: Tomcat's read events. */
    private volatile LoopReader loopReader;
    /** On the loop's list of connections whose replies a burst of callbacks holds back; set through WATCHED. */
    private volatile boolean watched;
    /** The next on that list (the loop's {@link TomcatReadLoop#watch}). */
    TomcatTransport nextWatched;

    /**
     * @param executorDispatch whether the connection's callbacks run on the container's executor
     * @param readLoop whether a plain NIO connection is read by a {@link TomcatReadLoop}
     */
    TomcatTransport(SocketWrapperBase<?> socket, boolean secure, boolean executorDispatch, boolean readLoop) {
        this.socket = socket;
        this.secure = secure;
        this.tls = secure || socket.getSslSupport() != null;
        this.executorDispatch = executorDispatch;
        // exactly NioChannel: its subclass SecureNioChannel carries TLS
        this.loopable = readLoop && socket.getSocket() != null && socket.getSocket().getClass() == NioChannel.class;
    }

    /**
     * With a read loop, callbacks queued on its thread go to {@code pool} one pool thread per pass, and the replies
     * that a burst of this connection's callbacks writes leave together as the burst ends
     * ({@link TomcatReadLoop#submitBurst}). With inline dispatch most callbacks run on the loop's thread as it reads
     * instead; those that cannot (the connection's previous one still runs) go this way.
     */
    @Override
    public Executor callbackExecutor(Executor pool) {
        if (!loopable) {
            return pool;
        }
        TomcatReadLoop l = TomcatReadLoop.next(pool, !executorDispatch);
        loopReader = new LoopReader(this, l, !executorDispatch);
        return burst -> l.submitBurst(this, burst);
    }

    /**
     * On a read loop: true until callbacks were seen to block the loops ({@link ReadLoopGroup}), and only on the
     * loop's thread: a thread the loop was taken from while a callback held it up sends the other messages of its
     * read to the pool, where no other connection waits for them.
     */
    @Override
    public boolean inlineCallbacks() {
        LoopReader r = loopReader;
        return r == null || r.loop().inlineCallbacks() && r.loop().inLoop();
    }

    /**
     * The callbacks this thread runs next (those of a read, of a loop's turn, or of a burst on the pool) write
     * replies that wait in Tomcat's buffer (up to {@value #DEFER_LIMIT} bytes) and leave in one write at
     * {@link #repliesLeave}. In a burst callbacks may block: should one block after a reply was written, the loop
     * flushes it within about {@value TomcatReadLoop#VALVE_MILLIS} ms ({@link #flushHeldBack}).
     */
    void holdReplies() {
        readingThread = Thread.currentThread();
    }

    /** What this thread's callbacks wrote since {@link #holdReplies} leaves. */
    void repliesLeave() {
        if (readingThread == Thread.currentThread()) {
            readingThread = null;
        }
        if (flushNeeded) {
            writePump.run();
        }
    }

    /**
     * On the loop's thread, for a connection on its watch list: flushes the replies a running burst holds back.
     * Returns true to stay on the list (a burst still runs), false once off it.
     */
    boolean flushHeldBack() {
        if (readingThread != null && flushNeeded) {
            writePump.run(); // not deferred on this thread; if the burst's thread is in the pump, it goes on itself
        }
        if (readingThread != null) {
            return true;
        }
        WATCHED.setVolatile(this, false);
        // a burst that began meanwhile and found this connection still listed is watched again, by one of us
        return readingThread != null && WATCHED.compareAndSet(this, false, true);
    }

    /**
     * The loop was taken from a thread held up in this connection's turn (a callback blocks): the replies it holds
     * back leave with the loop's next valve check ({@link #flushHeldBack}). Any thread.
     */
    void heldUp() {
        LoopReader r = loopReader;
        if (r != null && readingThread != null && !watched && WATCHED.compareAndSet(this, false, true)) {
            r.loop().watch(this);
        }
    }

    @Override
    public void start(TransportListener listener) {
        this.listener = listener;
        LoopReader r = loopReader;
        if (r != null) {
            r.start();
        }
    }

    // ---------------------------------------------------------------- for the LoopReader

    /** Whether reading is over: the connection ended, or closing was asked for. */
    boolean readingOver() {
        return ended || closeRequested;
    }

    SocketWrapperBase<?> socket() {
        return socket;
    }

    /** Bytes the loop read. */
    void received(ByteBuffer data) {
        listener.onRead(data);
    }

    // ---------------------------------------------------------------- Tomcat's events

    /** One socket event, on a Tomcat worker thread; returns what Tomcat should do with the socket next. */
    SocketState dispatch(SocketEvent event) {
        synchronized (this) {
            if (closing || closeReady) {
                closing = true;
                return SocketState.CLOSED;
            }
            inDispatch = true;
        }
        SocketState state = SocketState.CLOSED;
        try {
            if (event == SocketEvent.OPEN_READ) {
                // with a read loop: an event of Tomcat's from before the loop took over, or asked by closeWhenIdle
                state = loopReader != null ? SocketState.SUSPENDED : read();
            } else if (event == SocketEvent.OPEN_WRITE) {
                writePump.run();
                // Tomcat does not re-watch reads after a write event; UPGRADED asks it to, unless the loop reads
                state = loopReader != null ? SocketState.SUSPENDED : SocketState.UPGRADED;
            } else { // STOP (connector stopping), ERROR, TIMEOUT, DISCONNECT
                IOException error = socket.getError();
                end(event == SocketEvent.STOP || error == null ? null : error);
            }
        } finally {
            synchronized (this) {
                inDispatch = false;
                if (state == SocketState.CLOSED || closeReady) {
                    closing = true;
                    state = SocketState.CLOSED;
                }
            }
        }
        return state;
    }

    private SocketState read() {
        byte[] buffer = ReadBuffers.take(); // per thread: an idle connection holds none
        boolean drained = false;
        try {
            while (!ended && !closeRequested) {
                synchronized (this) {
                    if (paused) {
                        suspended = true;
                        return SocketState.SUSPENDED;
                    }
                }
                if (drained) {
                    return SocketState.UPGRADED; // Tomcat's poller sees any byte that arrived since
                }
                int n = socket.read(false, buffer, 0, buffer.length);
                if (n == 0) {
                    return SocketState.UPGRADED;
                }
                drained = n > 0 && n < buffer.length && drainedBy(n);
                if (n < 0) {
                    end(null);
                    break;
                }
                holdReplies();
                try {
                    listener.onRead(ByteBuffer.wrap(buffer, 0, n));
                } finally {
                    repliesLeave(); // one write for the replies to every message of this read
                }
            }
        } catch (IOException e) {
            end(e);
        } finally {
            ReadBuffers.give(buffer);
        }
        return SocketState.SUSPENDED; // ended or closing: nothing more to read
    }

    /**
     * True when a plain read of {@code n} bytes left nothing behind: Tomcat's buffer is empty and the read did not
     * fill it, so the socket held no more. The next read would only find nothing (one system call per message saved
     * at one message in flight); Tomcat's poller, which watches the socket itself, reports what arrives later. Over
     * TLS the channel may still hold decrypted records the poller cannot see: read until nothing comes.
     */
    boolean drainedBy(int n) {
        if (tls) {
            return false;
        }
        SocketBufferHandler buffers = socket.getSocketBufferHandler();
        return buffers != null && buffers.isReadBufferEmpty() && n < buffers.getReadBuffer().capacity();
    }

    @Override
    public void pauseReading() {
        LoopReader r = loopReader;
        if (r != null) {
            r.pause();
            return;
        }
        synchronized (this) {
            paused = true;
        }
    }

    @Override
    public void resumeReading() {
        LoopReader r = loopReader;
        if (r != null) {
            r.resume();
            return;
        }
        boolean dispatch;
        synchronized (this) {
            paused = false;
            dispatch = suspended && !closing;
            suspended = false;
        }
        if (dispatch) {
            socket.processSocket(SocketEvent.OPEN_READ, true);
        }
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        if (ended || closeRequested) {
            callback.failed(new IOException("the connection is closed"));
            return;
        }
        pending = buffers;
        writeCount++; // one write outstanding at a time: no concurrent increments
        pendingCallback = callback;
        if (ended && PENDING_CALLBACK.compareAndSet(this, callback, null)) {
            pending = null;
            callback.failed(new IOException("the connection is closed"));
            return;
        }
        writePump.run();
    }

    /** The task of {@link #writePump} (this object is it, to spare a lambda per connection): not for others. */
    @Override
    public void run() {
        WriteCallback callback = pendingCallback;
        try {
            if (callback != null && copiedWrite != writeCount) {
                copiedWrite = writeCount;
                for (ByteBuffer b : pending) {
                    unflushed += b.remaining();
                    socket.write(false, b);
                }
                flushNeeded = true;
            }
            if (flushNeeded && !(callback != null && deferred())) {
                if (socket.flush(false)) {
                    socket.registerWriteInterest(); // the rest goes out on Tomcat's write event
                    return;
                }
                flushNeeded = false;
                unflushed = 0;
            }
            if (callback != null && PENDING_CALLBACK.compareAndSet(this, callback, null)) {
                pending = null;
                callback.completed();
            }
            if (closeRequested && !flushNeeded && pendingCallback == null) {
                closeWhenIdle();
            }
        } catch (IOException | RuntimeException e) {
            WriteCallback failed = (WriteCallback) PENDING_CALLBACK.getAndSet(this, null);
            if (failed != null) {
                pending = null;
                failed.failed(e);
            }
            end(e);
            closeWhenIdle();
        }
    }

    /**
     * True for a reply written by the thread handling a read or a burst: it is flushed with the others as that
     * ends. A loop's connection then goes on the loop's watch list, in case the burst blocks before it ends.
     */
    private boolean deferred() {
        if (Thread.currentThread() != readingThread || unflushed >= DEFER_LIMIT) {
            return false;
        }
        LoopReader r = loopReader;
        if (r != null && !r.loop().inLoop() && !watched && WATCHED.compareAndSet(this, false, true)) {
            r.loop().watch(this);
        }
        return true;
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void close() {
        closeRequested = true;
        writePump.run(); // closes once what is written is flushed
    }

    /** Everything is written: the running dispatch returns CLOSED, or Tomcat is asked for one that will. */
    void closeWhenIdle() {
        synchronized (this) {
            if (closing || closeReady) {
                return;
            }
            closeReady = true;
            if (inDispatch) {
                return;
            }
        }
        socket.processSocket(SocketEvent.OPEN_READ, true);
    }

    /** Tomcat destroyed the handler: the connection is gone. */
    void destroyed() {
        synchronized (this) {
            closing = true;
        }
        end(null);
        LoopReader r = loopReader;
        if (r != null) {
            r.destroyed();
        }
    }

    /** The peer went away (failure null) or I/O failed: tell the listener once. */
    void end(Throwable failure) {
        if (!ENDED.compareAndSet(this, false, true)) {
            return;
        }
        WriteCallback waiting = (WriteCallback) PENDING_CALLBACK.getAndSet(this, null);
        if (waiting != null) {
            pending = null;
            waiting.failed(failure != null ? failure : new EOFException("the peer closed the connection"));
        }
        TransportListener l = listener;
        if (l == null) {
            return;
        }
        if (failure == null || closeRequested) {
            l.onEof();
        } else {
            l.onError(failure);
        }
    }

    @Override
    public boolean isSecure() {
        return secure;
    }
}
