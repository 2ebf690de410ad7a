package dev.duplex.benchmarks.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Builds benchmark input: the wire bytes of RFC 6455 frames, written here byte by byte and independently
 * of {@code FrameWriter}, so that a parser benchmark does not depend on the writer being right.
 *
 * <p>Called only from JMH {@code @Setup} methods (one thread, outside the measured code); never blocks.
 */
final class WireFrames {

    /** Fixed, non-trivial masking key: every byte differs, so a wrong key offset shows up in the checks. */
    static final int MASK_KEY = 0x37_FA_21_3D;

    private WireFrames() {
    }

    /** Seeded random bytes: the same input on every run and every fork. */
    static byte[] randomPayload(int length, long seed) {
        byte[] payload = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) random.nextInt(256);
        }
        return payload;
    }

    /** Length of the header of a frame with this payload length. // RFC 6455 §5.2 */
    static int headerLength(int payloadLength, boolean masked) {
        int length = payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return masked ? length + 4 : length;
    }

    /** Appends one final frame (FIN set, no RSV bits) with the given opcode at {@code dst}'s position. */
    static void put(ByteBuffer dst, int opcode, byte[] payload, boolean masked, int maskKey) {
        int length = payload.length;
        dst.put((byte) (0x80 | opcode));
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            dst.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            dst.put((byte) (maskBit | 126));
            dst.putShort((short) length);
        } else {
            dst.put((byte) (maskBit | 127));
            dst.putLong(length);
        }
        if (!masked) {
            dst.put(payload);
            return;
        }
        byte[] key = {(byte) (maskKey >>> 24), (byte) (maskKey >>> 16), (byte) (maskKey >>> 8), (byte) maskKey};
        dst.put(key);
        for (int i = 0; i < length; i++) {
            dst.put((byte) (payload[i] ^ key[i & 3])); // RFC 6455 §5.3
        }
    }

    /** One masked binary frame, exactly filling a new buffer (heap or direct), position 0. */
    static ByteBuffer maskedBinary(byte[] payload, boolean direct) {
        int length = headerLength(payload.length, true) + payload.length;
        ByteBuffer frame = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
        put(frame, 2, payload, true, MASK_KEY);
        return frame.flip();
    }

    /** Fails the run loudly (in setup, not in the measurement) when a codec produced the wrong bytes. */
    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark self-check failed: " + what);
        }
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    static boolean sameBytes(byte[] expected, ByteBuffer actual) {
        return Arrays.equals(expected, bytes(actual));
    }
}
