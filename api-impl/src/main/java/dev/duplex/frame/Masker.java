package dev.duplex.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Objects;

/**
 * XOR masking of frame payloads (RFC 6455 §5.3), 8 bytes per step.
 *
 * <p>Stateless: any thread may call it, on buffers it owns (a direct buffer's byte order may be switched for the
 * duration of the call, then restored).
 */
public final class Masker {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
    /** Ranges of direct buffers from this size on are masked through a LongBuffer view (see maskBuffer). */
    private static final int LONG_VIEW_THRESHOLD = 256;

    private Masker() {
    }

    /**
     * XOR-masks {@code buf[from, to)} in place (absolute indexes; position and limit untouched).
     * Masking and unmasking are the same operation.
     *
     * @param maskKey   the 4 key bytes in wire order, the first one most significant:
     *                  {@code maskKey >>> 24, (maskKey >>> 16) & 0xFF, (maskKey >>> 8) & 0xFF, maskKey & 0xFF}
     * @param keyOffset how many payload bytes of this frame were masked before {@code from}: the byte at
     *                  {@code from} is XORed with key byte {@code keyOffset % 4} (RFC 6455 §5.3: j = i MOD 4)
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= buf.limit()}
     * @throws java.nio.ReadOnlyBufferException if the buffer is read-only and the range is not empty
     */
    public static void mask(ByteBuffer buf, int from, int to, int maskKey, long keyOffset) {
        Objects.checkFromToIndex(from, to, buf.limit());
        if (from == to) {
            return;
        }
        // Rotate the key so that its most significant byte applies to the byte at `from`.
        int key = Integer.rotateLeft(maskKey, 8 * (int) (keyOffset & 3));
        if (buf.hasArray()) {
            int offset = buf.arrayOffset();
            maskArray(buf.array(), offset + from, offset + to, key);
        } else {
            maskBuffer(buf, from, to, key);
        }
    }

    /** The 8 key bytes key,key as a big-endian long (the first wire byte is the most significant). */
    private static long keyLong(int key) {
        return ((long) key << 32) | (key & 0xFFFF_FFFFL);
    }

    private static void maskArray(byte[] bytes, int from, int to, int key) {
        long big = keyLong(key);
        long wide = NATIVE_BIG_ENDIAN ? big : Long.reverseBytes(big);
        int i = from;
        int wideEnd = to - 7;
        // 8 is a multiple of 4, so the key phase is the same at the start of every step.
        for (; i < wideEnd; i += 8) {
            LONGS.set(bytes, i, (long) LONGS.get(bytes, i) ^ wide);
        }
        for (int k = 0; i < to; i++, k++) {
            bytes[i] ^= (byte) (key >>> (24 - 8 * (k & 3)));
        }
    }

    /**
     * Direct (or read-only) buffers. Below {@link #LONG_VIEW_THRESHOLD} bytes: absolute getLong/putLong with the
     * order switched to native for the loop and restored after, so no word is byte-swapped. From there on: a
     * native-order {@link LongBuffer} view over the range, whose counted loop C2 compiles about four times faster
     * than the getLong/putLong loop (two short-lived view objects per call, often scalar-replaced).
     */
    private static void maskBuffer(ByteBuffer buf, int from, int to, int key) {
        long big = keyLong(key);
        long wide = NATIVE_BIG_ENDIAN ? big : Long.reverseBytes(big);
        int wideEnd;
        if (to - from >= LONG_VIEW_THRESHOLD) {
            LongBuffer longs = buf.slice(from, to - from).order(ByteOrder.nativeOrder()).asLongBuffer();
            int count = longs.limit();
            for (int w = 0; w < count; w++) {
                longs.put(w, longs.get(w) ^ wide);
            }
            wideEnd = from + 8 * count;
        } else {
            ByteOrder original = buf.order();
            buf.order(ByteOrder.nativeOrder());
            try {
                wideEnd = from;
                for (int last = to - 7; wideEnd < last; wideEnd += 8) {
                    buf.putLong(wideEnd, buf.getLong(wideEnd) ^ wide);
                }
            } finally {
                buf.order(original);
            }
        }
        // 8 is a multiple of 4, so the tail starts at key phase 0.
        for (int i = wideEnd, k = 0; i < to; i++, k++) {
            buf.put(i, (byte) (buf.get(i) ^ (key >>> (24 - 8 * (k & 3)))));
        }
    }
}
