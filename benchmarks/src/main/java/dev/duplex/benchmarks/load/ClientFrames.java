package dev.duplex.benchmarks.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * The messages one scenario sends, written by hand (no Duplex class, so the generator is neutral): a payload
 * template of {@code size} bytes whose first bytes carry a sequence number (8 bytes big-endian for binary, 16 hex
 * digits for text, the rest ASCII letters), masked with one of {@value #KEYS} random keys prepared in advance, so
 * that sending costs a small header plus a view of the pre-masked body. {@link #expected} gives the bytes an echo
 * must carry, for a byte-for-byte check. Used by the generator's one thread only.
 */
final class ClientFrames {

    private static final int KEYS = 8;

    final int size;
    final boolean binary;
    final int seqLength;
    final byte[] template;
    private final byte[][] keys = new byte[KEYS][4];
    private final byte[][] maskedBodies = new byte[KEYS][];

    ClientFrames(int size, boolean binary) {
        this.size = size;
        this.binary = binary;
        this.seqLength = binary ? 8 : 16;
        if (size < seqLength) {
            throw new IllegalArgumentException("payload of " + size + " bytes is smaller than the sequence number");
        }
        Random random = new Random(42);
        template = new byte[size];
        if (binary) {
            random.nextBytes(template);
        } else {
            for (int i = 0; i < size; i++) {
                template[i] = (byte) ('a' + random.nextInt(26));
            }
        }
        for (int k = 0; k < KEYS; k++) {
            random.nextBytes(keys[k]);
            maskedBodies[k] = template.clone();
            mask(maskedBodies[k], 0, size, keys[k]);
        }
    }

    /** The sequence-number bytes of message {@code seq} (the rest of the payload is {@link #template}). */
    byte[] expected(long seq) {
        if (binary) {
            return ByteBuffer.allocate(8).putLong(seq).array();
        }
        String hex = Long.toHexString(seq);
        return ("0000000000000000".substring(hex.length()) + hex).getBytes(StandardCharsets.US_ASCII);
    }

    /** The frame of message {@code seq}: [header + mask key + masked sequence number, masked rest of the body]. */
    ByteBuffer[] frame(long seq) {
        int k = (int) (seq & (KEYS - 1));
        byte[] key = keys[k];
        ByteBuffer head = ByteBuffer.allocate(14 + seqLength);
        head.put((byte) (0x80 | (binary ? 0x2 : 0x1)));
        if (size < 126) {
            head.put((byte) (0x80 | size));
        } else if (size < 65536) {
            head.put((byte) (0x80 | 126)).putShort((short) size);
        } else {
            head.put((byte) (0x80 | 127)).putLong(size);
        }
        head.put(key);
        byte[] seqBytes = expected(seq);
        mask(seqBytes, 0, seqLength, key);
        head.put(seqBytes).flip();
        return new ByteBuffer[] {head, ByteBuffer.wrap(maskedBodies[k], seqLength, size - seqLength)};
    }

    /** A masked control frame (close, pong) with the given payload. */
    static ByteBuffer control(int opcode, byte[] payload) {
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        byte[] body = payload.clone();
        mask(body, 0, body.length, key);
        return ByteBuffer.allocate(6 + body.length).put((byte) (0x80 | opcode)).put((byte) (0x80 | body.length))
                .put(key).put(body).flip();
    }

    static void mask(byte[] bytes, int from, int to, byte[] key) {
        for (int i = from; i < to; i++) {
            bytes[i] ^= key[i & 3];
        }
    }

    /** Checks {@code count} received bytes at message offset {@code offset}; false at the first wrong byte. */
    boolean check(byte[] seqBytes, long offset, byte[] in, int from, int count) {
        int i = 0;
        while (i < count && offset + i < seqLength) {
            if (in[from + i] != seqBytes[(int) (offset + i)]) {
                return false;
            }
            i++;
        }
        if (i == count) {
            return true;
        }
        int at = (int) (offset + i);
        return Arrays.mismatch(in, from + i, from + count, template, at, at + count - i) < 0;
    }
}
