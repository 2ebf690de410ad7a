package dev.duplex.benchmarks.servers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The little of RFC 6455 that the bare-upgrade baselines ({@link TomcatBareUpgradeServer},
 * {@link UndertowBareUpgradeServer}) need: the handshake's accept key and the unmasked echo of a client frame.
 */
final class BareFrames {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private BareFrames() {
    }

    /** Where the echoes go: the connection's own writing, which may have to wait for the container. */
    interface Sink {
        void send(byte[] frame) throws IOException;
    }

    /**
     * Echoes every whole frame of {@code partial} (the bytes an earlier read left, or null) followed by the first
     * {@code n} bytes of {@code buffer}; returns the bytes of an incomplete last frame to keep, or null.
     */
    static byte[] echo(byte[] partial, byte[] buffer, int n, Sink sink) throws IOException {
        ByteBuffer data = partial == null ? ByteBuffer.wrap(buffer, 0, n)
                : ByteBuffer.allocate(partial.length + n).put(partial).put(buffer, 0, n).flip();
        for (byte[] reply; (reply = nextReply(data)) != null; ) {
            sink.send(reply);
        }
        if (!data.hasRemaining()) {
            return null;
        }
        byte[] rest = new byte[data.remaining()];
        data.get(rest);
        return rest;
    }

    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The echo of the next whole client frame in {@code data} (same header, mask removed), consuming it; null,
     * consuming nothing, when the frame is not complete yet.
     */
    static byte[] nextReply(ByteBuffer data) throws IOException {
        if (data.remaining() < 2) {
            return null;
        }
        int at = data.position();
        int lengthField = data.get(at + 1) & 0x7F;
        int extended = lengthField == 126 ? 2 : lengthField == 127 ? 8 : 0;
        if (data.remaining() < 2 + extended) {
            return null;
        }
        long length = extended == 0 ? lengthField
                : extended == 2 ? data.getShort(at + 2) & 0xFFFF : data.getLong(at + 2);
        if (length < 0 || length > Integer.MAX_VALUE - 16) {
            throw new IOException("frame too long for this echo: " + length);
        }
        int maskAt = at + 2 + extended;
        long frameEnd = maskAt + 4L + length;
        if (frameEnd > data.limit()) {
            return null;
        }
        byte[] reply = new byte[2 + extended + (int) length];
        reply[0] = data.get(at); // FIN, opcode
        reply[1] = (byte) lengthField; // the same length encoding, mask bit cleared
        for (int i = 0; i < extended; i++) {
            reply[2 + i] = data.get(at + 2 + i);
        }
        int payloadAt = 2 + extended;
        for (int i = 0; i < length; i++) {
            reply[payloadAt + i] = (byte) (data.get(maskAt + 4 + i) ^ data.get(maskAt + (i & 3)));
        }
        data.position((int) frameEnd);
        return reply;
    }
}
