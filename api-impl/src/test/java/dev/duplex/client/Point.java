package dev.duplex.client;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;

/** A message type with a text encoder and decoder ("x,y"), to check coders over a live client session. */
public record Point(int x, int y) {

    /** Point to "x,y". */
    public static final class TextEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point point) throws EncodeException {
            return point.x() + "," + point.y();
        }
    }

    /** "x,y" to Point. */
    public static final class TextDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) throws DecodeException {
            String[] parts = s.split(",");
            return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }

        @Override
        public boolean willDecode(String s) {
            return s.matches("-?\\d+,-?\\d+");
        }
    }
}
