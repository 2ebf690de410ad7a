package dev.duplex.client;

import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import dev.duplex.transport.WriteCallback;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's {@link Transport}: a non-blocking {@link SocketChannel} served by one {@link SelectorLoop}, with TLS
 * on an {@link SSLEngine} over the same NIO channel (no blocking sockets, no thread per connection).
 *
 * <pre>
 *   (connected channel) --[TlsHandshake, then useTls()]--> [open] --close()--> [closed]
 *        ws:// skips the TLS step; a proxy's CONNECT exchange runs before it, the HTTP upgrade after it,
 *        both through listen() + write(); start() hands the open transport to the connection core.
 * </pre>
 *
 * <ul>
 *   <li>Reading: while not paused, socket bytes (decrypted for wss) go to the listener; pausing drops OP_READ so the
 *       server feels TCP back-pressure. Bytes that arrived with the handshake response are delivered first.</li>
 *   <li>Writing: one write outstanding. A plain write from an application thread is tried on that thread first and
 *       completes there when the socket takes it all; otherwise (and always for TLS) the loop finishes it under
 *       OP_WRITE. Completions that happen on the loop run on the callback pool, so no application code (a
 *       {@code SendHandler}) ever runs on an I/O thread.</li>
 *   <li>{@link #close()} waits for the outstanding write, but at most {@code forcedCloseMillis}.</li>
 * </ul>
 *
 * <p>Threads: the {@link Transport} methods may be called from any thread and never block. Listener events and
 * the set-up methods run on the loop thread, one at a time.
 */
final class SocketTransport implements Transport, SelectorLoop.IoHandler {

    private static final System.Logger LOG = System.getLogger(SocketTransport.class.getName());
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    private static final int READS_PER_EVENT = 16;

    private final SelectorLoop loop;
    private final ScheduledExecutorService timer;
    private final long forcedCloseMillis;
    private final String peer;
    private final SocketChannel channel;
    private final SelectionKey key;
    private volatile TlsLayer tls;
    private volatile TransportListener listener;
    private volatile boolean paused = true;
    private final ChannelWriter writer;
    private volatile boolean closeRequested;
    private ByteBuffer readBuffer;
    private ByteBuffer leftover;
    private boolean eofSeen;
    private boolean readAgain;
    private boolean inputEnded;
    private boolean closed;
    private ScheduledFuture<?> forcedClose;

    /**
     * Takes over a connected channel and its key (on the loop thread).
     *
     * @param completions runs write completions that happen on the loop
     * @param forcedCloseMillis how long {@link #close()} waits for the outstanding write
     * @param peer names the server in messages, e.g. {@code example.com:443}
     */
    SocketTransport(SelectorLoop loop, SocketChannel channel, SelectionKey key, Executor completions,
            ScheduledExecutorService timer, long forcedCloseMillis, String peer) {
        this.loop = loop;
        this.channel = channel;
        this.key = key;
        this.timer = timer;
        this.forcedCloseMillis = forcedCloseMillis;
        this.peer = peer;
        this.writer = new ChannelWriter(channel, completions);
        key.interestOps(0);
        key.attach(this);
    }

    // ---------------------------------------------------------------- connection set-up (ConnectAttempt)

    /** From now on bytes go through {@code layer}, whose handshake is done; {@code early} is delivered first. */
    void useTls(TlsLayer layer, ByteBuffer early) {
        this.tls = layer;
        writer.useTls(layer);
        if (early != null) {
            pushBack(early);
        }
        key.attach(this);
    }

    SelectorLoop loop() {
        return loop;
    }

    SocketChannel channel() {
        return channel;
    }

    SelectionKey key() {
        return key;
    }

    /** Sets the listener used while the HTTP exchanges of the handshake run; on the loop thread. */
    void listen(TransportListener handshakeListener) {
        this.listener = handshakeListener;
    }

    /** Bytes read past the end of a handshake response: delivered before anything else. On the loop thread. */
    void pushBack(ByteBuffer data) {
        if (!data.hasRemaining()) {
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining() + (leftover == null ? 0 : leftover.remaining()));
        if (leftover != null) {
            copy.put(leftover);
        }
        leftover = copy.put(data).flip();
    }

    /** Closes at once, without waiting for the outstanding write. */
    void abort() {
        closeRequested = true;
        onLoop(() -> doClose(new IOException("the connection to " + peer + " was aborted")));
    }

    // ---------------------------------------------------------------- Transport

    @Override
    public void start(TransportListener listener) {
        this.listener = listener;
        paused = false; // the handshake left reading paused; the Transport contract: start() begins delivery
        onLoop(this::pumpRead);
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        if (!loop.inLoop()) {
            try {
                if (writer.writeDirect(buffers, callback, closeRequested)) {
                    if (closeRequested) {
                        onLoop(this::closeIfIdle);
                    }
                    return;
                }
            } catch (IOException e) {
                onLoop(() -> fail(e));
                return;
            }
        }
        onLoop(() -> {
            if (closed) {
                writer.complete(callback, new IOException("the connection to " + peer + " is closed"));
                return;
            }
            try {
                writer.begin(buffers, callback);
            } catch (IOException e) {
                fail(e);
                return;
            }
            afterWrite();
        });
    }

    /** Callbacks queued on the loop thread go to the pool through the loop's handoff (one pool thread per pass). */
    @Override
    public Executor callbackExecutor(Executor pool) {
        return pool == loop.pool() ? loop.callbacks() : pool;
    }

    @Override
    public void pauseReading() {
        paused = true;
        onLoop(this::updateInterest);
    }

    @Override
    public void resumeReading() {
        paused = false;
        try {
            loop.execute(this::pumpRead);   // a task even on the loop: never re-entered from inside a delivery
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, () -> "resume of " + peer + " ignored: the client container was shut down");
        }
    }

    @Override
    public void close() {
        closeRequested = true;
        onLoop(() -> {
            if (closed) {
                return;
            }
            if (writer.busy() && !eofSeen && scheduleForcedClose()) {
                return;
            }
            doClose(new IOException("the connection to " + peer + " is closed"));
        });
    }

    @Override
    public boolean isSecure() {
        return tls != null;
    }

    // ---------------------------------------------------------------- loop events

    @Override
    public void ready(int readyOps) {
        if (closed) {
            return;
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            pumpWrite();
            if (closed) {
                return;
            }
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            pumpRead();
        }
    }

    @Override
    public void failed(Throwable failure) {
        fail(failure instanceof IOException io ? io : new IOException(failure.toString(), failure));
    }

    // ---------------------------------------------------------------- reading

    private void pumpRead() {
        if (closed || listener == null) {
            updateInterest();
            return;
        }
        try {
            int reads = 0;
            while (!paused && !inputEnded && !closed) {
                if (reads++ == READS_PER_EVENT) {
                    loop.execute(this::pumpRead);   // let the loop's other connections have a turn
                    break;
                }
                ByteBuffer data = nextInbound();
                if (data == null) {
                    break;
                }
                deliver(data);
            }
            if (eofSeen && leftover == null && !paused && !inputEnded && !closed) {
                inputEnded = true;
                listener.onEof();
            }
            if (tls != null && !closed && (writer.busy() || tls.hasPendingOutput())) {
                pumpWrite();
                if (readAgain && !closed && !tls.hasPendingOutput()) {
                    readAgain = false;
                    loop.execute(this::pumpRead);   // records may still wait behind the answer just flushed
                }
                return;
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        updateInterest();
    }

    /** The next plaintext to deliver, or null when none is available now. */
    private ByteBuffer nextInbound() throws IOException {
        if (leftover != null) {
            ByteBuffer data = leftover;
            leftover = null;
            return data;
        }
        if (eofSeen) {
            return null;
        }
        if (tls == null) {
            if (readBuffer == null) {
                readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
            }
            readBuffer.clear();
            int n = channel.read(readBuffer);
            eofSeen = n < 0;
            return n > 0 ? readBuffer.flip() : null;
        }
        ByteBuffer plain = tls.read();
        if (plain == null) {
            eofSeen = tls.eof();
            readAgain = tls.hasPendingOutput();
        }
        return plain;
    }

    private void deliver(ByteBuffer data) {
        try {
            listener.onRead(data);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the listener of the connection to " + peer + " failed", e);
            fail(new IOException("the listener failed: " + e, e));
        }
    }

    // ---------------------------------------------------------------- writing

    private void pumpWrite() {
        try {
            writer.pump();
        } catch (IOException e) {
            fail(e);
            return;
        }
        afterWrite();
    }

    private void afterWrite() {
        if (closeRequested) {
            closeIfIdle();
        }
        updateInterest();
    }

    // ---------------------------------------------------------------- closing

    /** Bounds the wait for the outstanding write at close; false when the timer is gone (close now). */
    private boolean scheduleForcedClose() {
        try {
            forcedClose = timer.schedule(() -> onLoop(() -> doClose(new IOException("the write to " + peer
                    + " did not complete within " + forcedCloseMillis + " ms of closing"))),
                    forcedCloseMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void closeIfIdle() {
        if (closeRequested && !writer.busy()) {
            doClose(new IOException("the connection to " + peer + " is closed"));
        }
    }

    private void fail(IOException failure) {
        boolean report = !inputEnded && !closed && listener != null;
        inputEnded = true;
        LOG.log(Level.DEBUG, () -> "connection to " + peer + " failed", failure);
        doClose(failure);
        if (report) {
            listener.onError(failure);
        }
    }

    private void doClose(IOException cause) {
        if (closed) {
            return;
        }
        closed = true;
        if (forcedClose != null) {
            forcedClose.cancel(false);
        }
        if (tls != null && channel.isConnected()) {
            tls.closeOutbound();
        }
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the connection to " + peer + " failed", e);
        }
        writer.fail(cause);
    }

    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        int ops = (!paused && !inputEnded && !eofSeen && listener != null ? SelectionKey.OP_READ : 0)
                | (writer.wantsWrite() ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Runs {@code task} on the loop thread; inline once the loop has stopped (it then only fails and closes). */
    private void onLoop(Runnable task) {
        if (loop.inLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }
}
