package dev.duplex.frame;

import java.nio.ByteBuffer;

/**
 * Frame header encoding (RFC 6455 §5.2) and whole-frame convenience.
 *
 * <p>Stateless: any thread may call it, on buffers it owns. It encodes what it is given: the §5.5 rules for
 * control frames (payload at most 125 bytes, FIN set) and the choice of opcode sequence are the caller's job.
 */
public final class FrameWriter {

    /** 2 bytes + 8-byte extended length + 4-byte mask key. */
    public static final int MAX_HEADER_LENGTH = 14;

    private static final int MAX_7_BIT = 125;
    private static final int MAX_16_BIT = 0xFFFF;

    private FrameWriter() {
    }

    /** Header size for a payload of this length: 2, 4 or 10 bytes, plus 4 if masked (RFC 6455 §5.2). */
    public static int headerLength(long payloadLength, boolean masked) {
        checkLength(payloadLength);
        int length = payloadLength <= MAX_7_BIT ? 2 : payloadLength <= MAX_16_BIT ? 4 : 10;
        return masked ? length + 4 : length;
    }

    /**
     * Writes FIN | RSV | opcode, the 7/16/64-bit payload length (minimal encoding, RFC 6455 §5.2) and, if masked,
     * the 4-byte key (most significant byte first) at {@code dst}'s position, advancing it. Writes byte by byte,
     * so {@code dst}'s byte order does not matter.
     *
     * @param rsv the three RSV bits as {@code (firstByte >> 4) & 7}, e.g. {@link FrameParser#RSV1}
     * @throws IllegalArgumentException if rsv, opcode or payloadLength is out of range
     * @throws java.nio.BufferOverflowException if {@code dst} has no room for the header
     */
    public static void writeHeader(ByteBuffer dst, boolean fin, int rsv, int opcode, long payloadLength,
            boolean masked, int maskKey) {
        if ((rsv & ~0x7) != 0) {
            throw new IllegalArgumentException("rsv must be within 0..7, got " + rsv);
        }
        if ((opcode & ~0xF) != 0) {
            throw new IllegalArgumentException("opcode must be within 0..15, got " + opcode);
        }
        checkLength(payloadLength);
        dst.put((byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode));
        int maskBit = masked ? 0x80 : 0;
        if (payloadLength <= MAX_7_BIT) {
            dst.put((byte) (maskBit | (int) payloadLength));
        } else if (payloadLength <= MAX_16_BIT) {
            dst.put((byte) (maskBit | 126));
            dst.put((byte) (payloadLength >>> 8)).put((byte) payloadLength);
        } else {
            dst.put((byte) (maskBit | 127));
            for (int shift = 56; shift >= 0; shift -= 8) {
                dst.put((byte) (payloadLength >>> shift));
            }
        }
        if (masked) {
            dst.put((byte) (maskKey >>> 24)).put((byte) (maskKey >>> 16))
                    .put((byte) (maskKey >>> 8)).put((byte) maskKey);
        }
    }

    /**
     * A whole frame: header + a copy of {@code payload[position, limit)}, masked with {@code maskKey} when
     * {@code masked}, in a new heap buffer flipped ready to read. {@code payload}'s position is not moved.
     */
    public static ByteBuffer encode(boolean fin, int rsv, int opcode, ByteBuffer payload, boolean masked,
            int maskKey) {
        int length = payload.remaining();
        ByteBuffer out = ByteBuffer.allocate(headerLength(length, masked) + length);
        writeHeader(out, fin, rsv, opcode, length, masked, maskKey);
        int start = out.position();
        out.put(start, payload, payload.position(), length); // absolute: no view of payload allocated
        if (masked) {
            Masker.mask(out, start, start + length, maskKey, 0);
        }
        return out.position(start + length).flip();
    }

    private static void checkLength(long payloadLength) {
        // RFC 6455 §5.2: the most significant bit of the 64-bit length must be 0.
        if (payloadLength < 0) {
            throw new IllegalArgumentException("payload length must not be negative, got " + payloadLength);
        }
    }
}
