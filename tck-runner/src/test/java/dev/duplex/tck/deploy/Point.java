package dev.duplex.tck.deploy;

/** An application message type, sent as text {@code "x,y"} and written back as {@code "Point(x,y)"}. */
public record Point(int x, int y) {
}
