package dev.duplex.client;

import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import dev.duplex.transport.WriteCallback;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The client's {@link Transport}: a non-blocking {@link SocketChannel} served by one {@link SelectorLoop}, with TLS
 * on an {@link SSLEngine} over the same NIO channel (no blocking sockets, no thread per connection).
 *
 * <pre>
 *   connect() --OP_CONNECT--> [connected] --startTls()--> [TLS handshake] --> [open: Transport API] --close()--> [closed]
 *                                 (plain ws:// skips the TLS step; a proxy tunnel is set up before it)
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
 * {@link Step} callbacks run on the loop thread, one at a time.
 */
final class SocketTransport implements Transport, SelectorLoop.IoHandler {

    /** The end of a connect or TLS handshake step; called on the loop thread. */
    interface Step {
        void done();

        void failed(IOException failure);
    }

    private static final System.Logger LOG = System.getLogger(SocketTransport.class.getName());
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    private static final int READS_PER_EVENT = 16;

    private final SelectorLoop loop;
    private final Executor completions;
    private final ScheduledExecutorService timer;
    private final long forcedCloseMillis;
    private final String peer;
    private final SocketChannel channel;
    private SelectionKey key;
    private volatile TlsLayer tls;
    private volatile TransportListener listener;
    private volatile boolean paused = true;
    private volatile boolean closeRequested;
    private volatile boolean directWriting;
    private Step step;
    private boolean handshaking;
    private ByteBuffer readBuffer;
    private ByteBuffer leftover;
    private ByteBuffer[] writeBuffers;
    private WriteCallback writeCallback;
    private boolean wantWrite;
    private boolean eofSeen;
    private boolean readAgain;
    private boolean inputEnded;
    private boolean closed;
    private ScheduledFuture<?> forcedClose;

    SocketTransport(SelectorLoop loop, Executor completions, ScheduledExecutorService timer, long forcedCloseMillis,
            String peer) throws IOException {
        this.loop = loop;
        this.completions = completions;
        this.timer = timer;
        this.forcedCloseMillis = forcedCloseMillis;
        this.peer = peer;
        this.channel = SocketChannel.open();
        this.channel.configureBlocking(false);
        this.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    // ---------------------------------------------------------------- connection set-up (ConnectAttempt)

    /** Connects to {@code address}; {@code step} learns the outcome. */
    void connect(InetSocketAddress address, Step step) {
        onLoop(() -> {
            this.step = step;
            try {
                boolean connected = channel.connect(address);
                key = loop.register(channel, connected ? 0 : SelectionKey.OP_CONNECT, this);
                if (connected) {
                    endStep(null);
                }
            } catch (IOException | RuntimeException e) {
                endStep(e instanceof IOException io ? io : new IOException(e.toString(), e));
            }
        });
    }

    /** Runs the TLS handshake with {@code engine} (client mode, already configured). */
    void startTls(SSLEngine engine, Step step) {
        onLoop(() -> {
            this.step = step;
            this.tls = new TlsLayer(engine);
            this.handshaking = true;
            try {
                engine.beginHandshake();
            } catch (SSLException e) {
                handshaking = false;
                endStep(e);
                return;
            }
            tlsStep();
        });
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
        onLoop(this::pumpRead);
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        if (tls == null && !loop.inLoop() && writeDirect(buffers, callback)) {
            return;
        }
        onLoop(() -> beginWrite(buffers, callback));
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
            if ((writeCallback != null || directWriting) && !eofSeen && scheduleForcedClose()) {
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
        if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
            try {
                if (channel.finishConnect()) {
                    key.interestOps(0);
                    endStep(null);
                }
            } catch (IOException e) {
                endStep(e);
            }
            return;
        }
        if (handshaking) {
            tlsStep();
            return;
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            pumpWrite();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            pumpRead();
        }
    }

    @Override
    public void failed(Throwable failure) {
        fail(failure instanceof IOException io ? io : new IOException(failure.toString(), failure));
    }

    private void tlsStep() {
        try {
            for (;;) {
                if (!tls.flush(channel)) {
                    key.interestOps(SelectionKey.OP_WRITE);
                    return;
                }
                HandshakeStatus status = tls.handshakeStatus();
                switch (status) {
                    case NEED_WRAP:
                        if (!tls.wrapHandshake() && tls.handshakeStatus() == status) {
                            throw new SSLException("the TLS engine produced no handshake data");
                        }
                        break;
                    case NEED_UNWRAP:
                    case NEED_UNWRAP_AGAIN:
                        if (!unwrapHandshake(status)) {
                            key.interestOps(SelectionKey.OP_READ);
                            return;
                        }
                        break;
                    case NEED_TASK:
                        key.interestOps(0);
                        runDelegatedTasks();
                        return;
                    default:
                        handshaking = false;
                        key.interestOps(0);
                        endStep(null);
                        return;
                }
            }
        } catch (IOException | RuntimeException e) {
            handshaking = false;
            endStep(e instanceof IOException io ? io : new IOException(e.toString(), e));
        }
    }

    /** One unwrap during the handshake; false when it must wait for more bytes. */
    private boolean unwrapHandshake(HandshakeStatus status) throws IOException {
        ByteBuffer early = tls.unwrap();
        if (early != null) {
            pushBack(early);
        }
        if (tls.inboundClosed()) {
            throw new SSLException("the server closed the TLS session during the handshake");
        }
        if (early == null && tls.handshakeStatus() == status) {
            int n = tls.readFrom(channel);
            if (n < 0) {
                throw new EOFException("the server closed the connection during the TLS handshake");
            }
            return n > 0;
        }
        return true;
    }

    private void runDelegatedTasks() {
        TlsLayer layer = tls;
        Runnable job = () -> {
            Runnable task;
            while ((task = layer.delegatedTask()) != null) {
                task.run();
            }
            onLoop(this::tlsStep);
        };
        try {
            completions.execute(job);
        } catch (RejectedExecutionException e) {
            job.run();
        }
    }

    // ---------------------------------------------------------------- reading

    private void pumpRead() {
        if (closed || handshaking || listener == null) {
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
            if (tls != null && !closed && (writeCallback != null || tls.hasPendingOutput())) {
                pumpWrite();
                if (readAgain && !closed) {
                    readAgain = false;
                    loop.execute(this::pumpRead);   // records may still wait in netIn
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
        for (;;) {
            ByteBuffer plain = tls.unwrap();
            if (plain != null) {
                return plain;
            }
            if (tls.inboundClosed()) {
                eofSeen = true;
                return null;
            }
            HandshakeStatus status = tls.handshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = tls.delegatedTask()) != null) {
                    task.run();   // rare after the handshake (TLS 1.2 renegotiation)
                }
                continue;
            }
            if (status == HandshakeStatus.NEED_WRAP) {
                tls.wrapHandshake();   // e.g. a TLS 1.3 KeyUpdate answer; pumpWrite flushes it
                readAgain = true;
                return null;
            }
            int n = tls.readFrom(channel);
            if (n <= 0) {
                eofSeen = n < 0;
                return null;
            }
        }
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

    /** A plain write on the caller's thread; false when the loop must finish it. */
    private boolean writeDirect(ByteBuffer[] buffers, WriteCallback callback) {
        directWriting = true;
        try {
            if (closeRequested) {
                return false;
            }
            while (TlsLayer.hasRemaining(buffers)) {
                if (channel.write(buffers) == 0) {
                    return false;
                }
            }
        } catch (IOException e) {
            callback.failed(e);
            onLoop(() -> fail(e));
            return true;
        } finally {
            directWriting = false;
        }
        if (closeRequested) {
            onLoop(this::closeIfIdle);
        }
        callback.completed();
        return true;
    }

    private void beginWrite(ByteBuffer[] buffers, WriteCallback callback) {
        if (closed) {
            complete(callback, new IOException("the connection to " + peer + " is closed"));
            return;
        }
        writeBuffers = buffers;
        writeCallback = callback;
        pumpWrite();
    }

    private void pumpWrite() {
        try {
            boolean drained = tls == null ? writePlain() : writeTls();
            if (drained && writeCallback != null) {
                WriteCallback done = writeCallback;
                writeCallback = null;
                writeBuffers = null;
                complete(done, null);
            }
            if (closeRequested) {
                closeIfIdle();
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        updateInterest();
    }

    private boolean writePlain() throws IOException {
        wantWrite = false;
        while (writeBuffers != null && TlsLayer.hasRemaining(writeBuffers)) {
            if (channel.write(writeBuffers) == 0) {
                wantWrite = true;
                return false;
            }
        }
        return true;
    }

    private boolean writeTls() throws IOException {
        wantWrite = false;
        for (;;) {
            if (!tls.flush(channel)) {
                wantWrite = true;
                return false;
            }
            if (writeBuffers == null || !TlsLayer.hasRemaining(writeBuffers)) {
                return true;
            }
            if (!tls.wrap(writeBuffers) && !tls.hasPendingOutput()) {
                return false;   // the engine waits for the server's handshake data; reading resumes the write
            }
        }
    }

    private void complete(WriteCallback callback, IOException failure) {
        Runnable run = failure == null ? callback::completed : () -> callback.failed(failure);
        try {
            completions.execute(run);
        } catch (RejectedExecutionException e) {
            run.run();
        }
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
        if (closeRequested && writeCallback == null && !directWriting) {
            doClose(new IOException("the connection to " + peer + " is closed"));
        }
    }

    private void fail(IOException failure) {
        boolean report = !inputEnded && !closed && step == null && listener != null;
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
            try {
                tls.flush(channel);
            } catch (IOException e) {
                // the close_notify is a courtesy; the socket closes either way
            }
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the connection to " + peer + " failed", e);
        }
        if (writeCallback != null) {
            WriteCallback pending = writeCallback;
            writeCallback = null;
            complete(pending, cause);
        }
        endStep(cause);
    }

    private void endStep(IOException failure) {
        Step current = step;
        step = null;
        if (current == null) {
            return;
        }
        if (failure == null) {
            current.done();
        } else {
            doClose(failure);
            current.failed(failure);
        }
    }

    private void updateInterest() {
        if (closed || handshaking || key == null || !key.isValid()) {
            return;
        }
        int ops = (!paused && !inputEnded && !eofSeen && listener != null ? SelectionKey.OP_READ : 0)
                | (wantWrite ? SelectionKey.OP_WRITE : 0);
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
