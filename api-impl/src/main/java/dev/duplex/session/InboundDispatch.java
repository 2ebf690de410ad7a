package dev.duplex.session;

import dev.duplex.coder.SessionDecoders;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/**
 * Hands received messages to the session's registered handlers, converting to the handler's message type, and
 * routes exceptions from application code to the endpoint's {@code onError}.
 *
 * <p>Threads: the connection's serial dispatcher only.
 */
final class InboundDispatch {

    private static final System.Logger LOG = System.getLogger(InboundDispatch.class.getName());

    private final Session session;
    private final MessageHandlerRegistry handlers;
    private final Endpoint endpoint;
    private final SessionDecoders decoders;
    private StringBuilder textParts;
    private java.io.ByteArrayOutputStream binaryParts;

    InboundDispatch(Session session, MessageHandlerRegistry handlers, Endpoint endpoint, SessionDecoders decoders) {
        this.session = session;
        this.handlers = handlers;
        this.endpoint = endpoint;
        this.decoders = decoders;
    }

    /** The handler a message in parts started with serves all its parts (spec §2.1.3). */
    private RegisteredHandler textInProgress;
    private RegisteredHandler binaryInProgress;

    @SuppressWarnings("unchecked")
    void text(String text, boolean last, boolean whole) {
        RegisteredHandler h;
        if (whole) {
            h = handlers.get(MessageKind.TEXT);
        } else {
            h = textInProgress != null ? textInProgress : handlers.get(MessageKind.TEXT);
            textInProgress = last ? null : h;
        }
        if (h == null) {
            return;
        }
        try {
            if (h.partial()) {
                ((MessageHandler.Partial<String>) h.handler()).onMessage(text, last);
                return;
            }
            String message = whole ? text : gatherText(text, last);
            if (message != null) {
                ((MessageHandler.Whole<Object>) h.handler()).onMessage(convertText(message, h.type()));
            }
        } catch (Throwable t) {
            endpointError(t);
        }
    }

    /** A whole handler was registered while a message was arriving in parts: gather them. */
    private String gatherText(String part, boolean last) {
        if (textParts == null) {
            textParts = new StringBuilder();
        }
        textParts.append(part);
        if (!last) {
            return null;
        }
        String message = textParts.toString();
        textParts = null;
        return message;
    }

    @SuppressWarnings("unchecked")
    void binary(ByteBuffer data, boolean last, boolean whole) {
        RegisteredHandler h;
        if (whole) {
            h = handlers.get(MessageKind.BINARY);
        } else {
            h = binaryInProgress != null ? binaryInProgress : handlers.get(MessageKind.BINARY);
            binaryInProgress = last ? null : h;
        }
        if (h == null) {
            return;
        }
        try {
            if (h.partial()) {
                Object part = h.type() == byte[].class ? bytes(data) : data;
                ((MessageHandler.Partial<Object>) h.handler()).onMessage(part, last);
                return;
            }
            ByteBuffer message = whole ? data : gatherBinary(data, last);
            if (message != null) {
                ((MessageHandler.Whole<Object>) h.handler()).onMessage(convertBinary(message, h.type()));
            }
        } catch (Throwable t) {
            endpointError(t);
        }
    }

    private ByteBuffer gatherBinary(ByteBuffer part, boolean last) {
        if (binaryParts == null) {
            binaryParts = new java.io.ByteArrayOutputStream();
        }
        binaryParts.write(part.array(), part.arrayOffset() + part.position(), part.remaining());
        if (!last) {
            return null;
        }
        ByteBuffer message = ByteBuffer.wrap(binaryParts.toByteArray());
        binaryParts = null;
        return message;
    }

    /** A streamed text message: the handler reads it (or a stream decoder does) while frames arrive. */
    @SuppressWarnings("unchecked")
    void textStream(java.io.Reader reader) {
        RegisteredHandler h = handlers.get(MessageKind.TEXT);
        if (h == null) {
            return;
        }
        try {
            Object message = h.type() == java.io.Reader.class ? reader : decoders.decodeTextStream(reader, h.type());
            ((MessageHandler.Whole<Object>) h.handler()).onMessage(message);
        } catch (Throwable t) {
            endpointError(t);
        }
    }

    /** A streamed binary message: the handler reads it (or a stream decoder does) while frames arrive. */
    @SuppressWarnings("unchecked")
    void binaryStream(java.io.InputStream in) {
        RegisteredHandler h = handlers.get(MessageKind.BINARY);
        if (h == null) {
            return;
        }
        try {
            Object message = h.type() == java.io.InputStream.class ? in : decoders.decodeBinaryStream(in, h.type());
            ((MessageHandler.Whole<Object>) h.handler()).onMessage(message);
        } catch (Throwable t) {
            endpointError(t);
        }
    }

    @SuppressWarnings("unchecked")
    void pong(PongMessage pong) {
        RegisteredHandler h = handlers.get(MessageKind.PONG);
        if (h == null) {
            return;
        }
        try {
            ((MessageHandler.Whole<PongMessage>) h.handler()).onMessage(pong);
        } catch (Throwable t) {
            endpointError(t);
        }
    }

    /** An exception from application code, or a transport failure: to the endpoint's onError. */
    void endpointError(Throwable failure) {
        try {
            endpoint.onError(session, failure);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "session " + session.getId() + ": onError threw while handling " + failure, t);
        }
    }

    private Object convertText(String message, Class<?> type) throws DecodeException {
        if (type == String.class) {
            return message;
        }
        if (type == java.io.Reader.class) {
            return new StringReader(message);
        }
        if (!PrimitiveText.isPrimitive(type)) {
            return decoders.decodeText(message, type);
        }
        try {
            return PrimitiveText.parse(message, type);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(message, "cannot decode the text message as " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    private Object convertBinary(ByteBuffer message, Class<?> type) throws DecodeException {
        if (type == byte[].class) {
            return bytes(message);
        }
        if (type == java.io.InputStream.class) {
            return new ByteArrayInputStream(bytes(message));
        }
        if (type == ByteBuffer.class) {
            return message;
        }
        return decoders.decodeBinary(message, type);
    }

    private static byte[] bytes(ByteBuffer data) {
        if (data.hasArray() && data.arrayOffset() == 0 && data.position() == 0
                && data.remaining() == data.array().length) {
            return data.array();
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return copy;
    }
}
