package dev.duplex.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

/** Test helper: builds wire bytes from hex or through {@link FrameWriter}, and prints bytes as hex. */
final class Wire {

    private static final HexFormat HEX = HexFormat.of();

    private Wire() {
    }

    /** "81 05 48 65" (spaces optional) to bytes. */
    static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Hex of {@code buf[position, limit)}; does not move the position. */
    static String hex(ByteBuffer buf) {
        return hex(toArray(buf));
    }

    static byte[] toArray(ByteBuffer buf) {
        byte[] out = new byte[buf.remaining()];
        buf.duplicate().get(out);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] random(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    /** A whole frame through {@link FrameWriter#encode}. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked, int maskKey) {
        return toArray(FrameWriter.encode(fin, rsv, opcode, ByteBuffer.wrap(payload), masked, maskKey));
    }

    /** An unmasked frame (server to client). */
    static byte[] serverFrame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, 0, opcode, payload, false, 0);
    }

    /** A masked frame (client to server) with a fixed, non-trivial key. */
    static byte[] clientFrame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, 0, opcode, payload, true, 0x37FA213D);
    }
}
