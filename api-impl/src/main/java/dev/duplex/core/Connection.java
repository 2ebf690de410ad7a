package dev.duplex.core;

import dev.duplex.frame.CloseCodes;
import dev.duplex.frame.FrameParser;
import dev.duplex.frame.OpCode;
import dev.duplex.frame.ProtocolException;
import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection on either side: frames in, messages out to a {@link ConnectionHandler}; messages in,
 * frames out through an {@link OutboundQueue}; the close handshake of RFC 6455 §7.
 *
 * <pre>
 *            start()            close() / peer CLOSE / protocol error
 *   [NEW] ----------> [OPEN] -----------------------------------------> [CLOSING]
 *                        |                                                  |
 *                        | EOF / transport error        both close frames, EOF, or close timeout
 *                        v                                                  v
 *                    [CLOSED] <---------------------------------------------+
 * </pre>
 *
 * <p>Threads: the transport calls {@link TransportListener} methods one at a time (the reader); application
 * callbacks run on a per-connection {@link SerialExecutor}; send methods may be called from any thread and never
 * block (see {@link #awaitSendRoom} for the one that waits). The reader never waits for the application: when
 * received messages pile up past the inbound limit it pauses the transport, and resumes when they are consumed
 * (DESIGN.md §3 rule 5).
 */
public final class Connection implements TransportListener {

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    /** Payload of the pings that prompt a peer to send after reading resumed; their pongs are not delivered. */
    private static final byte[] WAKE_UP = "duplex:resume".getBytes(StandardCharsets.US_ASCII);

    enum State { NEW, OPEN, CLOSING, CLOSED }

    private final String id;
    private final Transport transport;
    private final ConnectionConfig config;
    private final ConnectionHandler handler;
    private final SerialExecutor dispatcher;
    private final OutboundQueue outbound;
    private final FrameParser parser;
    private final MessageAssembler assembler;
    private final InboundFlow inbound;
    /** The parser's listener, also the handler's inbound mode per message kind (one object for both). */
    private final FrameEvents modes;
    /** Null until an idle timeout is set: most connections have none (an idle connection should hold little). */
    private volatile IdleTimer idle;
    private volatile boolean inputDone;
    private volatile boolean opened;
    private volatile long maxTextMessage = Long.MAX_VALUE;
    private volatile long maxBinaryMessage = Long.MAX_VALUE;

    private State state = State.NEW;
    private boolean closeReceived;
    private boolean closeWritten;
    private boolean closeDispatched;
    private int closeCode = CloseCodes.NORMAL;
    private String closeReason = "";
    private ScheduledFuture<?> closeTimer;

    public Connection(Transport transport, ConnectionConfig config, ConnectionHandler handler) {
        this(transport, config, config.id, handler);
    }

    /**
     * A connection named {@code id} whose {@code config} may be shared with other connections (its own id is not
     * used).
     */
    public Connection(Transport transport, ConnectionConfig config, String id, ConnectionHandler handler) {
        this.id = id;
        this.transport = transport;
        this.config = config;
        this.handler = handler;
        this.dispatcher = new SerialExecutor(transport.callbackExecutor(config.executor), config.classLoader);
        this.outbound = new OutboundQueue(transport, config.client, config.maskKeys, config.outboundLimit);
        this.modes = new FrameEvents();
        this.parser = new FrameParser(modes, !config.client, config.maxFramePayload);
        this.inbound = new InboundFlow(transport, dispatcher, config.inboundLimit, config.inlineDispatch);
        this.assembler = new MessageAssembler(new Delivery(this, handler, inbound));
    }

    /**
     * Opens the connection: {@code onOpen} runs first, on the calling (container) thread with inline dispatch on a
     * transport that can write meanwhile, before reading starts; or else on the dispatcher, while reading starts
     * at once. Messages that arrive before {@code onOpen} returned are assembled whole (the handlers it registers are
     * not known yet) and handed over after it, whatever kind of handler then takes them.
     */
    public void start() {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("connection " + id + " was already started");
            }
            state = State.OPEN;
        }
        // onOpen is queued before reading starts: a message read at once must not overtake it on the dispatcher.
        Runnable open = () -> {
            try {
                handler.onOpen();
            } finally {
                opened = true;
                assembler.reconsider(modes);
            }
        };
        if (config.inlineDispatch && transport.writesBeforeStartReturns()) {
            dispatcher.executeInline(open); // on the container's thread that opens the connection: no hop
        } else {
            dispatcher.execute(open);
        }
        transport.start(this);
    }

    public String id() {
        return id;
    }

    /** Runs {@code task} on the dispatcher after everything queued so far (after {@code onOpen}, once started). */
    void runOnDispatcher(Runnable task) {
        dispatcher.execute(task);
    }

    /** True once onOpen returned (messages assembled before that are checked against limits it may have set). */
    boolean opened() {
        return opened;
    }

    long maxTextMessage() {
        return maxTextMessage;
    }

    long maxBinaryMessage() {
        return maxBinaryMessage;
    }

    /** Closes with 1009 (message too big): the reason names the limit and the size. */
    void failTooBig(String reason) {
        fail(CloseCodes.TOO_BIG, reason, null);
    }

    /** This connection's dispatcher (tests). */
    SerialExecutor dispatcher() {
        return dispatcher;
    }

    public ConnectionConfig config() {
        return config;
    }

    public boolean isSecure() {
        return transport.isSecure();
    }

    /** True until a close frame was sent or received, or the connection failed. */
    public boolean isOpen() {
        synchronized (this) {
            return state == State.OPEN;
        }
    }

    /** Limits for whole messages, in bytes (Long.MAX_VALUE for none); checked at each message's first frame. */
    public void setMaxTextMessage(long bytes) {
        this.maxTextMessage = bytes;
    }

    public void setMaxBinaryMessage(long bytes) {
        this.maxBinaryMessage = bytes;
    }

    // ---------------------------------------------------------------- sending

    public void sendText(String text, SendCallback callback) {
        sendMessage(OpCode.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** A whole text message already encoded as UTF-8. */
    public void sendText(ByteBuffer utf8, SendCallback callback) {
        sendMessage(OpCode.TEXT, utf8, callback);
    }

    public void sendBinary(ByteBuffer data, SendCallback callback) {
        sendMessage(OpCode.BINARY, data, callback);
    }

    private void sendMessage(int opcode, ByteBuffer payload, SendCallback callback) {
        checkOpen();
        idleActivity();
        outbound.sendMessage(opcode, 0, payload, callback);
    }

    /**
     * A whole data message already framed (unmasked: server side only), shared read-only with other connections:
     * the encode-once broadcast. {@code frame} is this connection's own duplicate.
     */
    public void sendPreparedFrame(ByteBuffer frame, SendCallback callback) {
        checkOpen();
        idleActivity();
        outbound.sendFrame(frame, callback);
    }

    /** One part of a partial message (text parts are UTF-8 bytes). Whole messages wait until the last part. */
    public void sendPart(boolean text, ByteBuffer payload, boolean last, SendCallback callback) {
        checkOpen();
        idleActivity();
        outbound.sendPart(text, 0, payload, last, callback);
    }

    public void sendPing(ByteBuffer payload, SendCallback callback) {
        checkOpen();
        outbound.sendControl(OpCode.PING, payload, callback);
    }

    public void sendPong(ByteBuffer payload, SendCallback callback) {
        checkOpen();
        outbound.sendControl(OpCode.PONG, payload, callback);
    }

    /**
     * Batching (RemoteEndpoint#setBatchingAllowed): while on, data messages collect and go out together when
     * {@link #flush()} is called or enough bytes gathered; their sends complete when they join the batch.
     */
    public void setBatching(boolean on) {
        outbound.setBatching(on);
    }

    /** Writes everything batched so far. */
    public void flush() {
        outbound.flush();
    }

    /** Closes the session with 1001 after {@code millis} without any frame read or message sent; 0 disables. */
    public void setIdleTimeout(long millis) {
        IdleTimer timer;
        synchronized (this) {
            timer = idle;
            if (timer == null) {
                if (millis <= 0 || state == State.CLOSED) {
                    return; // nothing to disable; or ended: terminate() stops a timer created before
                }
                timer = new IdleTimer(config.scheduler, this::idleExpired);
                idle = timer;
            }
        }
        timer.setTimeout(millis);
    }

    /** Records a frame read or a message sent for the idle timeout, if one is set. */
    private void idleActivity() {
        IdleTimer timer = idle;
        if (timer != null) {
            timer.activity();
        }
    }

    /** Runs {@code task} on the container's timer thread after {@code millis}; it must not block. */
    public java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, long millis) {
        return config.scheduler.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    private void idleExpired() {
        long millis = idle.timeoutMillis();
        LOG.log(Level.DEBUG, () -> "session " + id + ": idle for " + millis + " ms; closing");
        // Spec §2.1.5: a close the container starts reaches onClose as 1006; the peer gets 1001 (going away).
        close(CloseCodes.GOING_AWAY, CloseCodes.ABNORMAL, "Session idle for more than " + millis
                + " ms (max idle timeout)");
    }

    /** True when a message of {@code bytes} fits in the outbound budget now. */
    public boolean hasSendRoom(long bytes) {
        return outbound.hasRoom(bytes);
    }

    /** Bytes queued for sending and not yet written. */
    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    /** Blocks until {@code bytes} fit in the outbound budget; false on timeout. Never call on an I/O thread. */
    public boolean awaitSendRoom(long bytes, long timeoutMillis) throws InterruptedException {
        return outbound.awaitRoom(bytes, timeoutMillis);
    }

    private void checkOpen() {
        synchronized (this) {
            if (state != State.OPEN) {
                throw new IllegalStateException("session " + id + " is " + state.name().toLowerCase()
                        + ": nothing more can be sent");
            }
        }
    }

    // ---------------------------------------------------------------- closing

    /** Starts the close handshake (RFC 6455 §7.1.2); {@code onClose} follows with this code and reason. */
    public void close(int code, String reason) {
        close(code, code, reason);
    }

    /** Sends {@code wireCode}; {@code onClose} gets {@code reportedCode} (1006 for closes the container starts). */
    private void close(int wireCode, int reportedCode, String reason) {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSING;
            closeCode = reportedCode;
            closeReason = reason == null ? "" : reason;
        }
        scheduleCloseTimeout();
        outbound.sendClose(CloseCodes.payload(wireCode, reason), this::closeFrameWritten);
    }

    /**
     * Ends the connection at once, without waiting for a close handshake: {@code onClose} gets 1006 and this
     * reason unless it already ran. For shutdown of sessions whose peer does not answer.
     */
    public void abort(String reason) {
        synchronized (this) {
            if (!closeDispatched) {
                closeCode = CloseCodes.ABNORMAL;
                closeReason = reason;
            }
        }
        dispatchClose();
        terminate();
    }

    private void onPeerClose(int code, String reason) {
        inputDone = true;
        boolean reply;
        synchronized (this) {
            closeReceived = true;
            reply = state == State.OPEN;
            if (reply) {
                state = State.CLOSING;
                closeCode = code;
                closeReason = reason;
            }
        }
        if (reply) {
            // RFC 6455 §5.5.1: answer with a close frame, echoing the peer's code (1000 when it sent none).
            int echo = code == CloseCodes.NO_STATUS ? CloseCodes.NORMAL : code;
            scheduleCloseTimeout();
            outbound.sendClose(CloseCodes.payload(echo, ""), this::closeFrameWritten);
        }
        dispatchClose();
        maybeFinishHandshake();
    }

    private void closeFrameWritten() {
        synchronized (this) {
            closeWritten = true;
        }
        // Javadoc of Session.close(CloseReason): onClose follows once the close frame was sent.
        dispatchClose();
        maybeFinishHandshake();
    }

    /** Both close frames exchanged: the server closes TCP first (RFC 6455 §7.1.1); the client waits for it. */
    private void maybeFinishHandshake() {
        synchronized (this) {
            if (!(closeWritten && closeReceived) || state == State.CLOSED) {
                return;
            }
        }
        if (!config.client) {
            terminate();
        }
    }

    /** Fails the connection (RFC 6455 §7.1.7): a close frame with the code, then TCP close, no waiting. */
    private void fail(int code, String reason, Throwable cause) {
        inputDone = true;
        LOG.log(Level.DEBUG, () -> "session " + id + ": closing with " + code + ": " + reason, cause);
        boolean sendClose;
        synchronized (this) {
            sendClose = state == State.OPEN;
            if (sendClose) {
                state = State.CLOSING;
                closeCode = code;
                closeReason = reason;
            }
        }
        if (sendClose) {
            scheduleCloseTimeout();
            outbound.sendClose(CloseCodes.payload(code, reason), this::terminate);
        } else {
            terminate();
        }
        dispatchClose();
    }

    private void scheduleCloseTimeout() {
        synchronized (this) {
            if (closeTimer != null || state == State.CLOSED) {
                return;
            }
            closeTimer = config.scheduler.schedule(this::closeTimedOut, config.closeTimeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void closeTimedOut() {
        LOG.log(Level.DEBUG, () -> "session " + id + ": close handshake not completed within "
                + config.closeTimeoutMillis + " ms; closing the connection");
        dispatchClose();
        terminate();
    }

    /** Queues {@code onClose} once, after every message already dispatched. */
    private void dispatchClose() {
        int code;
        String reason;
        synchronized (this) {
            if (closeDispatched) {
                return;
            }
            closeDispatched = true;
            code = closeCode;
            reason = closeReason;
        }
        dispatcher.execute(() -> handler.onClose(code, reason));
    }

    /** Closes the transport and fails whatever is still queued. Idempotent. */
    private void terminate() {
        ScheduledFuture<?> timer;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            timer = closeTimer;
            closeTimer = null;
        }
        inputDone = true;
        try {
            if (timer != null) {
                timer.cancel(false);
            }
            IdleTimer idleTimer = idle; // set before CLOSED or never: setIdleTimeout checks the state under the lock
            if (idleTimer != null) {
                idleTimer.stop();
            }
            IOException closed = new IOException("session " + id + " is closed");
            inbound.failStream(closed);
            outbound.fail(closed);
        } finally {
            // Even when the above fails (e.g. a stopped web application can no longer load a class), the socket
            // must close: an open upgraded socket keeps the application's class loader reachable.
            transport.close();
        }
    }

    // ---------------------------------------------------------------- transport events (reader)

    @Override
    public void onRead(ByteBuffer data) {
        if (inputDone) {
            return;
        }
        idleActivity();
        try {
            parser.parse(data);
        } catch (ProtocolException e) {
            fail(e.closeCode(), e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + id + ": internal error while reading", e);
            fail(CloseCodes.INTERNAL_ERROR, "Internal error", e);
        } finally {
            dispatcher.kick(); // one pool hand-off for all the messages of this read
        }
    }

    @Override
    public void onResumeNeedsInbound() {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
        }
        outbound.sendControl(OpCode.PING, ByteBuffer.wrap(WAKE_UP), SendCallback.NONE);
    }

    @Override
    public void onEof() {
        inputDone = true;
        synchronized (this) {
            if (!closeReceived && !closeDispatched) {
                closeCode = CloseCodes.ABNORMAL;
                closeReason = "The peer closed the connection without a close frame";
            }
        }
        dispatchClose();
        terminate();
    }

    @Override
    public void onError(Throwable failure) {
        inputDone = true;
        LOG.log(Level.DEBUG, () -> "session " + id + ": transport failed", failure);
        boolean report;
        synchronized (this) {
            report = !closeDispatched;
            if (report) {
                closeCode = CloseCodes.ABNORMAL;
                closeReason = "Connection failed: " + failure;
            }
        }
        if (report) {
            dispatcher.execute(() -> handler.onError(failure));
        }
        dispatchClose();
        terminate();
    }

    /** Parser events, on the reader thread. */
    private final class FrameEvents implements FrameParser.Listener, java.util.function.Function<Boolean, InboundMode> {
        @Override
        public InboundMode apply(Boolean text) {
            return handler.inboundMode(text);
        }

        @Override
        public void onDataFrameStart(int opcode, boolean fin, int rsv, long length) throws ProtocolException {
            if (opcode != OpCode.CONTINUATION) {
                boolean text = opcode == OpCode.TEXT;
                assembler.start(text, modes, text ? maxTextMessage : maxBinaryMessage);
            }
            assembler.frameStart(length, fin);
        }

        @Override
        public void onDataPayload(ByteBuffer payload) throws ProtocolException {
            assembler.payload(payload);
        }

        @Override
        public void onDataFrameEnd(boolean fin) throws ProtocolException {
            assembler.frameEnd(fin);
        }

        @Override
        public void onPing(ByteBuffer payload) {
            // RFC 6455 §5.5.2: answer every ping with a pong carrying the same payload, unless closing.
            synchronized (Connection.this) {
                if (state != State.OPEN) {
                    return;
                }
            }
            outbound.sendControl(OpCode.PONG, copy(payload), SendCallback.NONE);
        }

        @Override
        public void onPong(ByteBuffer payload) {
            if (payload.equals(ByteBuffer.wrap(WAKE_UP))) {
                return; // our own wake-up ping's answer
            }
            ByteBuffer data = copy(payload);
            inbound.dispatch(data.remaining(), () -> handler.onPong(data));
        }

        @Override
        public void onClose(int code, String reason) {
            onPeerClose(code, reason);
        }
    }

    private static ByteBuffer copy(ByteBuffer source) {
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source.duplicate());
        return copy.flip();
    }
}
