package dev.duplex.tck.deploy;

import jakarta.websocket.Encoder;

/** Encodes a {@link Point} as {@code "Point(x,y)"}. */
public class PointEncoder implements Encoder.Text<Point> {

    @Override
    public String encode(Point point) {
        return "Point(" + point.x() + "," + point.y() + ")";
    }
}
