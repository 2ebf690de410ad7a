package dev.duplex.pojo;

import dev.duplex.session.WsSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * An annotated endpoint instance seen as a programmatic {@link Endpoint}: {@code onOpen} registers a message
 * handler per {@code @OnMessage} method, then calls {@code @OnOpen}. Exceptions from the application's methods go
 * to its {@code @OnError} method (or are logged when it has none); the session stays open.
 *
 * <p>Threads: the session's dispatcher, one callback at a time.
 */
public final class PojoEndpoint extends Endpoint {

    private static final System.Logger LOG = System.getLogger(PojoEndpoint.class.getName());

    private final Object instance;
    private final EndpointModel model;

    public PojoEndpoint(Object instance, EndpointModel model) {
        this.instance = instance;
        this.model = model;
    }

    public Object instance() {
        return instance;
    }

    /**
     * Applies the {@code @OnMessage(maxMessageSize)} limits to {@code session} before its connection starts, so
     * they hold from the first frame, also for messages that arrive while {@code onOpen} still runs.
     */
    public void applyLimits(Session session) {
        for (MessageMethod m : model.onMessage()) {
            if (m.maxMessageSize() > 0) {
                int limit = (int) m.maxMessageSize();
                if (m.kind() == MessageMethod.Kind.TEXT) {
                    session.setMaxTextMessageBufferSize(limit);
                } else if (m.kind() == MessageMethod.Kind.BINARY) {
                    session.setMaxBinaryMessageBufferSize(limit);
                }
            }
        }
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        for (MessageMethod m : model.onMessage()) {
            register(session, m);
        }
        if (model.onOpen() != null) {
            call(model.onOpen(), new CallContext(session, config, null, null, null, false));
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (model.onClose() != null) {
            call(model.onClose(), new CallContext(session, null, closeReason, null, null, false));
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        if (model.onError() == null) {
            // A connection that failed or a peer that went away is the peer's doing: no stack trace at WARNING.
            Level level = error instanceof IOException ? Level.DEBUG : Level.WARNING;
            LOG.log(level, "session " + session.getId() + " of " + model.endpointClass().getName()
                    + ": unhandled error (the endpoint has no @OnError method)", error);
            return;
        }
        try {
            model.onError().invoke(instance, new CallContext(session, null, null, error, null, false));
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "session " + session.getId() + ": @OnError method "
                    + model.onError() + " threw while handling " + error, t);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void register(Session session, MessageMethod m) {
        Class type = m.payloadType();
        if (m.partial()) {
            session.addMessageHandler(type, (MessageHandler.Partial<Object>) (part, last) ->
                    onMessage(session, m, new CallContext(session, null, null, null, part, last)));
        } else {
            session.addMessageHandler(type, (MessageHandler.Whole<Object>) message ->
                    onMessage(session, m, new CallContext(session, null, null, null, message, true)));
        }
    }

    private void onMessage(Session session, MessageMethod m, CallContext context) {
        Object result = call(m.method(), context);
        if (m.returnsValue() && result != null) {
            try {
                if (session instanceof WsSession own) {
                    own.sendReturnValue(result); // a returned buffer is the container's: sent without a copy
                } else {
                    session.getBasicRemote().sendObject(result);
                }
            } catch (IllegalStateException e) {
                if (session.isOpen()) {
                    onError(session, e);
                } else {
                    LOG.log(Level.DEBUG, () -> "session " + session.getId() + " closed before the reply of "
                            + m.method() + " could be sent");
                }
            } catch (IOException | EncodeException | RuntimeException e) {
                onError(session, e);
            }
        }
    }

    /** Calls an application method; its exception goes to onError. Returns the method's result, or null. */
    private Object call(EndpointMethod method, CallContext context) {
        try {
            return method.invoke(instance, context);
        } catch (Throwable t) {
            onError(context.session(), t);
            return null;
        }
    }
}
