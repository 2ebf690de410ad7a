package dev.duplex.session;

import dev.duplex.coder.CoderSpecs;
import dev.duplex.coder.SessionDecoders;
import dev.duplex.coder.SessionEncoders;
import dev.duplex.core.Connection;
import dev.duplex.core.ConnectionHandler;
import dev.duplex.core.InboundMode;
import dev.duplex.frame.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Jakarta {@link Session} over one {@link Connection}, shared by server and client. It is the connection's
 * {@link ConnectionHandler}: messages arrive here on the connection's serial dispatcher and go to the registered
 * {@link MessageHandler}s, so an endpoint instance sees one callback at a time (WSC-5.1-2), {@code onOpen} first
 * and {@code onClose} last, exactly once.
 *
 * <p>Threads: the Session methods may be called from any thread; sends never throw for overlap (DESIGN.md §3).
 */
public final class WsSession implements Session, ConnectionHandler {

    private static final System.Logger LOG = System.getLogger(WsSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle BASIC;
    private static final VarHandle ASYNC;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BASIC = lookup.findVarHandle(WsSession.class, "basic", WsBasicRemote.class);
            ASYNC = lookup.findVarHandle(WsSession.class, "async", WsAsyncRemote.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String id = Long.toHexString(IDS.incrementAndGet());
    private final WebSocketContainer container;
    private final Endpoint endpoint;
    private final EndpointConfig endpointConfig;
    private final SessionContext context;
    private final SessionGroup group;
    private final SessionDecoders decoders;
    private final SessionEncoders encoders;
    private final MessageHandlerRegistry handlers;
    private final InboundDispatch inbound;
    private volatile Connection connection;
    private volatile long maxIdleTimeout;
    private volatile int maxTextMessageBufferSize;
    private volatile int maxBinaryMessageBufferSize;
    private volatile long sendTimeout;
    private final boolean closeOnOverflow;
    /** Created on first use (an idle connection should hold little), once: set through BASIC and ASYNC. */
    private volatile WsBasicRemote basic;
    private volatile WsAsyncRemote async;

    public WsSession(WebSocketContainer container, Endpoint endpoint, EndpointConfig endpointConfig,
            SessionContext context, SessionGroup group, SessionSettings settings) {
        this.container = container;
        this.endpoint = endpoint;
        this.endpointConfig = endpointConfig;
        this.context = context;
        this.group = group;
        this.maxIdleTimeout = settings.maxIdleTimeoutMillis();
        this.maxTextMessageBufferSize = settings.maxTextMessageBytes();
        this.maxBinaryMessageBufferSize = settings.maxBinaryMessageBytes();
        this.sendTimeout = settings.sendTimeoutMillis();
        this.closeOnOverflow = settings.closeOnOverflow();
        this.decoders = CoderSpecs.sessionDecoders(endpointConfig);
        this.encoders = CoderSpecs.sessionEncoders(endpointConfig);
        this.handlers = new MessageHandlerRegistry(decoders);
        this.inbound = new InboundDispatch(this, handlers, endpoint, decoders);
    }

    /** Binds the connection this session runs on; called once, before the connection starts. */
    public void bind(Connection connection) {
        this.connection = connection;
        // A member of getOpenSessions() from now on, before onOpen runs: a broadcast racing this session's onOpen
        // still reaches it (sends before onOpen are allowed; they queue).
        group.join(this);
        connection.setMaxTextMessage(maxTextMessageBufferSize <= 0 ? Long.MAX_VALUE : maxTextMessageBufferSize);
        connection.setMaxBinaryMessage(maxBinaryMessageBufferSize <= 0 ? Long.MAX_VALUE : maxBinaryMessageBufferSize);
        connection.setIdleTimeout(maxIdleTimeout);
    }

    /** The async remote, created by the first caller that asks; racing callers all get the same one. */
    WsAsyncRemote asyncRemote() {
        WsAsyncRemote remote = async;
        return remote != null ? remote : (WsAsyncRemote) firstSet(ASYNC, new WsAsyncRemote(this));
    }

    /** The basic remote, created like {@link #asyncRemote()}. */
    WsBasicRemote basicRemote() {
        WsBasicRemote remote = basic;
        return remote != null ? remote : (WsBasicRemote) firstSet(BASIC, new WsBasicRemote(this));
    }

    /** Sets the field of {@code handle} to {@code created} unless another thread set it first; returns the winner. */
    private Object firstSet(VarHandle handle, Object created) {
        Object won = handle.compareAndExchange(this, null, created);
        return won != null ? won : created;
    }

    /**
     * Sends the value an {@code @OnMessage} method returned, as {@code getBasicRemote().sendObject} would, except
     * that a binary value is not copied: it is the container's once returned.
     */
    public void sendReturnValue(Object value) throws IOException, EncodeException {
        basicRemote().sendReturned(value);
    }

    Connection connection() {
        return connection;
    }

    SessionEncoders encoders() {
        return encoders;
    }

    boolean closeOnOverflow() {
        return closeOnOverflow;
    }

    long sendTimeoutMillis() {
        return sendTimeout;
    }

    void setSendTimeoutMillis(long millis) {
        this.sendTimeout = millis;
    }

    // ---------------------------------------------------------------- ConnectionHandler (dispatcher)

    @Override
    public void onOpen() {
        try {
            endpoint.onOpen(this, endpointConfig);
        } catch (Throwable t) {
            inbound.endpointError(t);
        }
    }

    @Override
    public InboundMode inboundMode(boolean text) {
        RegisteredHandler h = handlers.get(text ? MessageKind.TEXT : MessageKind.BINARY);
        if (h == null) {
            return InboundMode.DISCARD;
        }
        if (h.partial()) {
            return InboundMode.PARTIAL;
        }
        Class<?> type = h.type();
        boolean streamed = type == java.io.Reader.class || type == java.io.InputStream.class
                || decoders.streams(type, text);
        return streamed ? InboundMode.STREAM : InboundMode.WHOLE;
    }

    @Override
    public void onTextStream(java.io.Reader message) {
        inbound.textStream(message);
    }

    @Override
    public void onBinaryStream(java.io.InputStream message) {
        inbound.binaryStream(message);
    }

    @Override
    public void onText(String message) {
        inbound.text(message, true, true);
    }

    @Override
    public void onBinary(ByteBuffer message) {
        inbound.binary(message, true, true);
    }

    @Override
    public void onTextPart(String part, boolean last) {
        inbound.text(part, last, false);
    }

    @Override
    public void onBinaryPart(ByteBuffer part, boolean last) {
        inbound.binary(part, last, false);
    }

    @Override
    public void onPong(ByteBuffer payload) {
        inbound.pong(new WsPongMessage(payload));
    }

    @Override
    public void onError(Throwable failure) {
        inbound.endpointError(failure);
    }

    @Override
    public void onClose(int code, String reason) {
        try {
            // Reasons of closes that did not come from the wire (a transport failure's message) may be longer
            // than CloseReason accepts.
            endpoint.onClose(this, new CloseReason(CloseReason.CloseCodes.getCloseCode(code),
                    dev.duplex.frame.CloseCodes.truncatedReason(reason)));
        } catch (Throwable t) {
            inbound.endpointError(t);
        } finally {
            group.leave(this);
            decoders.destroy();
            encoders.destroy();
        }
    }

    // ---------------------------------------------------------------- Session

    @Override
    public WebSocketContainer getContainer() {
        return container;
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        handlers.add(handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        handlers.add(handler, clazz, false);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        handlers.add(handler, clazz, true);
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return handlers.all();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        handlers.remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return context.subprotocol();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return context.extensions();
    }

    @Override
    public boolean isSecure() {
        return connection.isSecure();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public long getMaxIdleTimeout() {
        return maxIdleTimeout;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        this.maxIdleTimeout = milliseconds;
        connection.setIdleTimeout(milliseconds);
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        this.maxBinaryMessageBufferSize = length;
        connection.setMaxBinaryMessage(length <= 0 ? Long.MAX_VALUE : length);
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        this.maxTextMessageBufferSize = length;
        connection.setMaxTextMessage(length <= 0 ? Long.MAX_VALUE : length);
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        return asyncRemote();
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        return basicRemote();
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void close() throws IOException {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    @Override
    public void close(CloseReason closeReason) throws IOException {
        int code = closeReason.getCloseCode().getCode();
        boolean sendable = CloseCodes.isValidOnWire(code) || code == CloseCodes.NO_STATUS;
        if (!sendable) {
            LOG.log(Level.DEBUG, () -> "session " + id + ": close code " + code + " cannot be sent; sending 1000");
        }
        // 1005 (NO_STATUS_CODE) goes out as a close frame without a payload.
        connection.close(sendable ? code : CloseCodes.NORMAL, closeReason.getReasonPhrase());
    }

    /** Ends the session at once (1006 to onClose) when a graceful close did not finish in time. */
    public void abort(String reason) {
        connection.abort(reason);
    }

    @Override
    public URI getRequestURI() {
        return context.requestUri();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return context.parameters();
    }

    @Override
    public String getQueryString() {
        return context.queryString();
    }

    @Override
    public Map<String, String> getPathParameters() {
        return context.pathParameters();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return context.userProperties();
    }

    @Override
    public Principal getUserPrincipal() {
        return context.principal();
    }

    @Override
    public Set<Session> getOpenSessions() {
        return group.snapshot();
    }

    @Override
    public String toString() {
        return "WsSession[" + id + " " + context.requestUriText() + "]";
    }
}
