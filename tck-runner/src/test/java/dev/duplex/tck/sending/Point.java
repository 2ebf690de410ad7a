package dev.duplex.tck.sending;

import jakarta.websocket.Encoder;

/** A custom message type with a text encoder ({@link PointEncoder}). */
public record Point(int x, int y) {

    /** Encodes a point as {@code point(x,y)}. */
    public static class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point point) {
            return "point(" + point.x() + "," + point.y() + ")";
        }
    }

    /** A type no endpoint has an encoder for. */
    public record Unencodable(String name) {
    }
}
