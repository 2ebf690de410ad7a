package dev.duplex.session;

import jakarta.websocket.PongMessage;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.Set;

/** The three native kinds of incoming message a session holds at most one handler for (WSC-2.1.3-x). */
enum MessageKind {
    TEXT, BINARY, PONG;

    private static final Set<Class<?>> TEXT_TYPES = Set.of(String.class, Reader.class, Boolean.class, Byte.class,
            Character.class, Short.class, Integer.class, Long.class, Float.class, Double.class, boolean.class,
            byte.class, char.class, short.class, int.class, long.class, float.class, double.class);

    /** The kind of a handler's message type, or null when only a decoder could tell. */
    static MessageKind of(Class<?> type, boolean partial) {
        if (type == PongMessage.class && !partial) {
            return PONG;
        }
        if (type == ByteBuffer.class || type == byte[].class || (type == InputStream.class && !partial)) {
            return BINARY;
        }
        if (type == String.class || (!partial && TEXT_TYPES.contains(type))) {
            return TEXT;
        }
        return null;
    }
}
