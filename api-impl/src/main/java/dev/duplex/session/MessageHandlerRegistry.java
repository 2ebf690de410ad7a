package dev.duplex.session;

import dev.duplex.coder.SessionDecoders;
import dev.duplex.coder.TypeResolver;
import jakarta.websocket.MessageHandler;
import java.util.HashSet;
import java.util.Set;

/**
 * A session's message handlers: at most one per native kind (text, binary, pong), else
 * {@link IllegalStateException} (Session#addMessageHandler javadoc). Thread-safe; the reader thread reads it at each
 * message's first frame, and the handler chosen then serves the whole message. One field per kind rather than a
 * map: an idle connection should hold little.
 */
final class MessageHandlerRegistry {

    private final SessionDecoders decoders;
    private RegisteredHandler text;
    private RegisteredHandler binary;
    private RegisteredHandler pong;

    MessageHandlerRegistry(SessionDecoders decoders) {
        this.decoders = decoders;
    }

    /** Registers a handler whose message type is given (the 2.0 overloads; needed for lambdas). */
    synchronized void add(MessageHandler handler, Class<?> type, boolean partial) {
        if (handler == null || type == null) {
            throw new IllegalArgumentException("message handler and its message type must not be null");
        }
        MessageKind kind = MessageKind.of(type, partial);
        if (kind == null && !partial) {
            kind = decoders.canDecode(type, true) ? MessageKind.TEXT
                    : decoders.canDecode(type, false) ? MessageKind.BINARY : null;
        }
        if (kind == null) {
            throw new IllegalStateException("no decoder handles messages of type " + type.getName()
                    + " for handler " + handler.getClass().getName());
        }
        RegisteredHandler existing = get(kind);
        if (existing != null) {
            throw new IllegalStateException("a " + kind.name().toLowerCase() + " message handler is already registered ("
                    + existing.handler().getClass().getName() + "); remove it before adding "
                    + handler.getClass().getName());
        }
        set(kind, new RegisteredHandler(handler, type, partial, kind));
    }

    /** Registers a handler whose message type is read from its class's generic interface. */
    void add(MessageHandler handler) {
        boolean partial = handler instanceof MessageHandler.Partial;
        Class<?> iface = partial ? MessageHandler.Partial.class : MessageHandler.Whole.class;
        Class<?> type = TypeResolver.typeArgument(handler.getClass(), iface, 0);
        if (type == null) {
            throw new IllegalStateException("cannot tell the message type of handler " + handler.getClass().getName()
                    + " (a lambda?): use addMessageHandler(Class, handler)");
        }
        add(handler, type, partial);
    }

    synchronized void remove(MessageHandler handler) {
        for (MessageKind kind : MessageKind.values()) {
            RegisteredHandler r = get(kind);
            if (r != null && r.handler() == handler) {
                set(kind, null);
            }
        }
    }

    synchronized RegisteredHandler get(MessageKind kind) {
        switch (kind) {
            case TEXT:
                return text;
            case BINARY:
                return binary;
            default:
                return pong;
        }
    }

    /** Under the lock. */
    private void set(MessageKind kind, RegisteredHandler handler) {
        switch (kind) {
            case TEXT:
                text = handler;
                break;
            case BINARY:
                binary = handler;
                break;
            default:
                pong = handler;
        }
    }

    synchronized Set<MessageHandler> all() {
        Set<MessageHandler> set = new HashSet<>();
        for (MessageKind kind : MessageKind.values()) {
            RegisteredHandler r = get(kind);
            if (r != null) {
                set.add(r.handler());
            }
        }
        return java.util.Collections.unmodifiableSet(set);
    }
}
