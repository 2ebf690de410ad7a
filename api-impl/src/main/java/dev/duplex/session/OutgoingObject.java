package dev.duplex.session;

import dev.duplex.coder.SessionEncoders;
import jakarta.websocket.EncodeException;
import java.nio.ByteBuffer;

/**
 * What {@code sendObject} puts on the wire for an object: a String (text) or a ByteBuffer (binary). Built in:
 * String, ByteBuffer, byte[], and primitives and their boxes as text (spec §4.7.2). Stateless.
 */
final class OutgoingObject {

    private OutgoingObject() {
    }

    /** Native types first, then the session's encoders in declared order, then primitives as text. */
    static Object toWire(Object data, SessionEncoders encoders) throws EncodeException {
        if (data == null) {
            throw new IllegalArgumentException("cannot send a null object");
        }
        if (data instanceof String || data instanceof ByteBuffer) {
            return data;
        }
        if (data instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        Object encoded = encoders.encode(data);
        if (encoded != null) {
            return encoded;
        }
        if (PrimitiveText.isPrimitive(data.getClass())) {
            return String.valueOf(data);
        }
        throw new EncodeException(data, "no encoder is registered for objects of type " + data.getClass().getName());
    }
}
