package dev.duplex.benchmarks.dispatch;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The wire bytes of one benchmark case, written here byte by byte (independently of Duplex's {@code FrameWriter}):
 * masked client frames to feed in, and the unmasked server frames the echo must produce.
 *
 * <p>The connection's parser unmasks a read buffer in place, so parsing the same bytes again delivers the payload
 * masked once more (an XOR with the key): feeding a rewound buffer alternates between payload {@code P} and
 * {@code P ^ key}, the same work every time with no copy added to the measurement. For text both must be valid
 * UTF-8: the payload is printable ASCII and every byte of {@link #MASK_KEY} is below 0x80, so {@code P ^ key} is
 * ASCII too. Used from JMH setup only; never blocks.
 */
final class EchoFrames {

    /** Distinct bytes, each below 0x80 (see above). */
    static final int MASK_KEY = 0x3A_17_6C_25;
    static final int TEXT = 1;
    static final int BINARY = 2;

    final int opcode;
    final int payloadLength;
    final int count;
    /** {@link #count} masked client frames back to back, exactly filling the buffer (heap). */
    final ByteBuffer input;
    /** The echo of a first feed of {@link #input}: {@link #count} unmasked server frames of the payloads. */
    final byte[] firstEcho;
    /** The echo of a second feed of the same buffer: the payloads XORed with the key. */
    final byte[] secondEcho;

    /** {@code count} frames of {@code payloadLength} bytes, each with its own seeded payload. */
    EchoFrames(int opcode, int payloadLength, int count) {
        this.opcode = opcode;
        this.payloadLength = payloadLength;
        this.count = count;
        byte[][] payloads = new byte[count][];
        for (int i = 0; i < count; i++) {
            payloads[i] = payload(opcode, payloadLength, i);
        }
        input = ByteBuffer.allocate(count * frameLength(payloadLength, true));
        ByteBuffer first = ByteBuffer.allocate(count * frameLength(payloadLength, false));
        ByteBuffer second = ByteBuffer.allocate(first.capacity());
        for (byte[] p : payloads) {
            put(input, p, true);
            put(first, p, false);
            put(second, xor(p), false);
        }
        check(!input.hasRemaining() && !first.hasRemaining(), "frames fill their buffers");
        input.flip();
        firstEcho = first.array();
        secondEcho = second.array();
    }

    /** Bytes of server frames one feed of {@link #input} must produce. */
    long echoBytes() {
        return firstEcho.length;
    }

    /** Payload bytes one feed carries in. */
    long payloadBytes() {
        return (long) count * payloadLength;
    }

    private static byte[] payload(int opcode, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31 + length);
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (opcode == TEXT ? 0x20 + random.nextInt(0x7F - 0x20) : random.nextInt(256));
        }
        return payload;
    }

    private static byte[] xor(byte[] payload) {
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ keyByte(i)); // RFC 6455 §5.3
        }
        return masked;
    }

    private static byte keyByte(int i) {
        return (byte) (MASK_KEY >>> (24 - 8 * (i & 3)));
    }

    /** Header length plus payload. // RFC 6455 §5.2 */
    static int frameLength(int payloadLength, boolean masked) {
        int header = payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return header + (masked ? 4 : 0) + payloadLength;
    }

    /** One final frame (FIN, no RSV bits), masked with {@link #MASK_KEY} when {@code masked}. */
    private void put(ByteBuffer dst, byte[] payload, boolean masked) {
        int length = payload.length;
        int maskBit = masked ? 0x80 : 0;
        dst.put((byte) (0x80 | opcode));
        if (length < 126) {
            dst.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            dst.put((byte) (maskBit | 126)).putShort((short) length);
        } else {
            dst.put((byte) (maskBit | 127)).putLong(length);
        }
        if (masked) {
            dst.putInt(MASK_KEY);
            dst.put(xor(payload));
        } else {
            dst.put(payload);
        }
    }

    /** Fails the run in setup, before any timing, when the echo was wrong. */
    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("dispatch benchmark self-check failed: " + what);
        }
    }
}
