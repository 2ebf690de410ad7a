package dev.duplex.tck.deploy;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/** Decodes {@code "x,y"} text messages into {@link Point}s. */
public class PointDecoder implements Decoder.Text<Point> {

    @Override
    public Point decode(String s) throws DecodeException {
        String[] parts = s.split(",");
        try {
            return new Point(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (RuntimeException e) {
            throw new DecodeException(s, "not a point", e);
        }
    }

    @Override
    public boolean willDecode(String s) {
        return s.matches("-?\\d+\\s*,\\s*-?\\d+");
    }
}
