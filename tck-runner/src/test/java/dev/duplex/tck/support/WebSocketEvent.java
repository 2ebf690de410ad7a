package dev.duplex.tck.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What a {@link RecordingListener} saw: a whole message, a pong, the close, or a failure. */
public sealed interface WebSocketEvent {

    /** A whole text message (its parts joined). */
    record Text(String text) implements WebSocketEvent {
        @Override
        public String toString() {
            return "Text[" + text.length() + " chars" + preview(text) + "]";
        }
    }

    /** A whole binary message (its parts joined). */
    record Binary(byte[] bytes) implements WebSocketEvent {
        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Binary[" + bytes.length + " bytes]";
        }
    }

    /** A pong and its application data. */
    record Pong(byte[] payload) implements WebSocketEvent {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pong p && Arrays.equals(payload, p.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Pong[" + new String(payload, StandardCharsets.UTF_8) + "]";
        }
    }

    /** The peer's close frame. */
    record Close(int code, String reason) implements WebSocketEvent {
    }

    /** An error reported by the client (the connection is gone). */
    record Failure(Throwable error) implements WebSocketEvent {
    }

    private static String preview(String text) {
        return text.length() <= 40 ? ": " + text : ": " + text.substring(0, 40) + "...";
    }
}
