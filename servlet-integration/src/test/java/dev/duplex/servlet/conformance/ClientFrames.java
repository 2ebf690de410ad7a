package dev.duplex.servlet.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Builds client-to-server frames by hand (RFC 6455 §5.2), independent of Duplex's own frame classes, including
 * frames a correct client would never send. Masked with a fresh key from a fixed-seed generator (reproducible runs).
 * Test threads only; the generator is thread-safe.
 */
final class ClientFrames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    static final int RSV1 = 0x40;
    static final int RSV2 = 0x20;
    static final int RSV3 = 0x10;

    private static final Random MASK_KEYS = new Random(6455);

    private ClientFrames() {
    }

    /** A final, masked frame. */
    static byte[] frame(int opcode, byte[] payload) {
        return frame(true, 0, opcode, payload);
    }

    /** A masked frame; {@code rsv} is a combination of {@link #RSV1}, {@link #RSV2}, {@link #RSV3}. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        byte[] key = new byte[4];
        MASK_KEYS.nextBytes(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.writeBytes(header(fin, rsv, opcode, payload.length, true));
        out.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i & 3]);
        }
        return out.toByteArray();
    }

    /** A final frame without the MASK bit, which a server must reject (RFC 6455 §5.1). */
    static byte[] unmasked(int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(true, 0, opcode, payload.length, false));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /**
     * Only the header of a final masked frame, mask key included, declaring {@code length} payload bytes that are
     * never sent: for cases the server must decide on the header alone.
     */
    static byte[] headerOnly(int opcode, long length) {
        byte[] key = new byte[4];
        MASK_KEYS.nextBytes(key);
        return concat(header(true, 0, opcode, length, true), key);
    }

    /**
     * The header of a final masked frame with a 64-bit length field holding the raw {@code lengthBits} (so the
     * most significant bit may be set, which RFC 6455 §5.2 forbids), followed by a mask key.
     */
    static byte[] header64(int opcode, long lengthBits) {
        byte[] key = new byte[4];
        MASK_KEYS.nextBytes(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        out.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (lengthBits >>> shift) & 0xFF);
        }
        out.writeBytes(key);
        return out.toByteArray();
    }

    static byte[] text(String text) {
        return frame(TEXT, utf8(text));
    }

    static byte[] binary(byte[] data) {
        return frame(BINARY, data);
    }

    /** A close frame with a status code and a reason (RFC 6455 §5.5.1). */
    static byte[] close(int code, String reason) {
        return frame(CLOSE, closePayload(code, utf8(reason)));
    }

    static byte[] closePayload(int code, byte[] reason) {
        return concat(new byte[] {(byte) (code >>> 8), (byte) code}, reason);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes given as ints, for hand-written byte sequences: {@code bytes(0xC0, 0x80)}. */
    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code size} bytes of printable ASCII with a repeating pattern (valid as text and as binary). */
    static byte[] pattern(int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) ('a' + i % 26);
        }
        return out;
    }

    private static byte[] header(boolean fin, int rsv, int opcode, long length, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | rsv | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (length <= 125) {
            out.write(maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8));
            out.write((int) length & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift) & 0xFF);
            }
        }
        return out.toByteArray();
    }
}
