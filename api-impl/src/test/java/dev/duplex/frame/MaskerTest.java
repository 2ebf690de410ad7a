package dev.duplex.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 6455 §5.3 masking, compared with a byte-by-byte reference. */
class MaskerTest {

    private static final int KEY = 0x8C3A_F105;

    enum Kind { HEAP, HEAP_LITTLE_ENDIAN, HEAP_WITH_OFFSET, DIRECT, DIRECT_LITTLE_ENDIAN }

    /** RFC 6455 §5.3: transformed-octet-i = original-octet-i XOR masking-key-octet-(i MOD 4). */
    private static void reference(byte[] data, int from, int to, int key, long keyOffset) {
        for (int i = from; i < to; i++) {
            long j = (keyOffset + (i - from)) % 4;
            data[i] ^= (byte) (key >>> (24 - 8 * j));
        }
    }

    private static ByteBuffer buffer(byte[] content, Kind kind) {
        switch (kind) {
            case HEAP_LITTLE_ENDIAN:
                return ByteBuffer.wrap(content.clone()).order(ByteOrder.LITTLE_ENDIAN);
            case HEAP_WITH_OFFSET:
                byte[] padded = new byte[content.length + 7];
                System.arraycopy(content, 0, padded, 7, content.length);
                return ByteBuffer.wrap(padded, 7, content.length).slice();
            case DIRECT:
                return ByteBuffer.allocateDirect(content.length).put(content).flip();
            case DIRECT_LITTLE_ENDIAN:
                return ByteBuffer.allocateDirect(content.length).order(ByteOrder.LITTLE_ENDIAN).put(content).flip();
            default:
                return ByteBuffer.wrap(content.clone());
        }
    }

    @Test
    void keyBytesInWireOrder() {
        ByteBuffer zeros = ByteBuffer.allocate(10);
        Masker.mask(zeros, 0, 10, 0x01020304, 0);
        assertEquals("01020304010203040102", Wire.hex(zeros));
        ByteBuffer shifted = ByteBuffer.allocate(10);
        Masker.mask(shifted, 0, 10, 0x01020304, 1);
        assertEquals("02030401020304010203", Wire.hex(shifted));
    }

    @Test
    void rfcExample() {   // RFC 6455 §5.7: "Hello" with key 37 fa 21 3d
        ByteBuffer hello = ByteBuffer.wrap(Wire.ascii("Hello"));
        Masker.mask(hello, 0, 5, 0x37FA213D, 0);
        assertEquals("7f9f4d5158", Wire.hex(hello));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyPhaseAndUnalignedRangeMatchesTheReference(Kind kind) {
        Random random = new Random(6455);
        byte[] original = Wire.random(random, 64);
        long[] offsets = {0, 1, 2, 3, 4, 5, 6, 7, 1L << 32, (1L << 32) + 3, Long.MAX_VALUE};
        for (long keyOffset : offsets) {
            for (int from = 0; from <= 9; from++) {
                for (int to = from; to <= Math.min(64, from + 40); to++) {
                    ByteBuffer buf = buffer(original, kind).position(3).limit(64);
                    Masker.mask(buf, from, to, KEY, keyOffset);
                    byte[] expected = original.clone();
                    reference(expected, from, to, KEY, keyOffset);
                    assertArrayEquals(expected, Wire.toArray(buf.duplicate().position(0)),
                            kind + " from " + from + " to " + to + " offset " + keyOffset);
                    assertEquals(3, buf.position());
                    assertEquals(64, buf.limit());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rangesAroundTheLongViewThresholdMatchTheReference(Kind kind) {   // direct buffers switch loops at 256
        byte[] original = Wire.random(new Random(256), 300);
        for (int keyOffset = 0; keyOffset < 4; keyOffset++) {
            for (int from = 0; from <= 9; from++) {
                for (int length = 247; length <= 266; length++) {
                    ByteBuffer buf = buffer(original, kind);
                    Masker.mask(buf, from, from + length, KEY, keyOffset);
                    byte[] expected = original.clone();
                    reference(expected, from, from + length, KEY, keyOffset);
                    assertArrayEquals(expected, Wire.toArray(buf), kind + " from " + from + " length " + length);
                    assertEquals(kind.name().endsWith("LITTLE_ENDIAN") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN,
                            buf.order(), "byte order restored");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void largeRandomRangeMatchesTheReference(Kind kind) {
        Random random = new Random(17);
        byte[] original = Wire.random(random, 65536 + 13);
        ByteBuffer buf = buffer(original, kind);
        Masker.mask(buf, 5, 65536 + 11, KEY, 2);
        byte[] expected = original.clone();
        reference(expected, 5, 65536 + 11, KEY, 2);
        assertArrayEquals(expected, Wire.toArray(buf));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void maskingInPiecesEqualsMaskingWhole(Kind kind) {
        byte[] original = Wire.random(new Random(3), 200);
        ByteBuffer whole = buffer(original, kind);
        Masker.mask(whole, 0, 200, KEY, 0);
        for (int step = 1; step <= 13; step++) {
            ByteBuffer pieces = buffer(original, kind);
            for (int from = 0; from < 200; from += step) {
                Masker.mask(pieces, from, Math.min(200, from + step), KEY, from);
            }
            assertEquals(Wire.hex(whole), Wire.hex(pieces), "step " + step);
        }
    }

    @Test
    void maskingTwiceRestores() {
        byte[] original = Wire.random(new Random(5), 100);
        ByteBuffer buf = ByteBuffer.wrap(original.clone());
        Masker.mask(buf, 1, 99, KEY, 3);
        Masker.mask(buf, 1, 99, KEY, 3);
        assertArrayEquals(original, buf.array());
    }

    @Test
    void rangeChecks() {
        ByteBuffer buf = ByteBuffer.allocate(16).limit(10);
        assertThrows(IndexOutOfBoundsException.class, () -> Masker.mask(buf, 0, 11, KEY, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masker.mask(buf, 5, 4, KEY, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masker.mask(buf, -1, 4, KEY, 0));
        Masker.mask(buf, 10, 10, KEY, 0);
        assertThrows(ReadOnlyBufferException.class, () -> Masker.mask(buf.asReadOnlyBuffer(), 0, 10, KEY, 0));
        assertThrows(ReadOnlyBufferException.class, () -> Masker.mask(buf.asReadOnlyBuffer(), 0, 3, KEY, 0));
        ByteBuffer big = ByteBuffer.allocateDirect(1000).asReadOnlyBuffer();
        assertThrows(ReadOnlyBufferException.class, () -> Masker.mask(big, 0, 1000, KEY, 0));
    }
}
