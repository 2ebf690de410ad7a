package dev.duplex.tck.messaging;

/**
 * What the test decoders produce: which decoder ({@code via}) and which instance of it ({@code serial}) decoded
 * the message, and the message text.
 */
public record Decoded(String via, int serial, String value) {

    @Override
    public String toString() {
        return via + "#" + serial + ":" + value;
    }
}
