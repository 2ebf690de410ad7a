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
 * <p>Stateless: any thread may call it, on buffers it owns.
 *
 * <p>Speed notes (measured, see the benchmarks module): the 8-byte loops live in small methods of their own so
 * that C2 optimises each counted loop on its own (inlined into a larger method with a try block or a second loop,
 * the direct-buffer loop ran 4–5 times slower). Direct buffers of {@link #LONG_VIEW_THRESHOLD} bytes or more go
 * through a native-order {@link LongBuffer} view, several times faster than {@code ByteBuffer.getLong/putLong}.
 */
public final class Masker {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** Direct-buffer ranges from this size on are masked through a LongBuffer view (two small view objects). */
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
        // 8 is a multiple of 4: every 8-byte step starts at the same key phase, and so does the tail.
        int done;
        if (buf.hasArray()) {
            int offset = buf.arrayOffset();
            done = xorArray(buf.array(), offset + from, offset + to, wideKey(key, ByteOrder.nativeOrder()));
        } else if (to - from >= LONG_VIEW_THRESHOLD) {
            ByteOrder nativeOrder = ByteOrder.nativeOrder();
            LongBuffer longs = buf.slice(from, to - from).order(nativeOrder).asLongBuffer();
            done = 8 * xorLongs(longs, wideKey(key, nativeOrder));
        } else {
            done = xorBuffer(buf, from, to, wideKey(key, buf.order()));
        }
        for (int i = from + done, k = 0; i < to; i++, k++) {
            buf.put(i, (byte) (buf.get(i) ^ (key >>> (24 - 8 * (k & 3)))));
        }
    }

    /** The 8 key bytes (key, key) as a long that, stored in {@code order}, lays the bytes out in wire order. */
    private static long wideKey(int key, ByteOrder order) {
        long big = ((long) key << 32) | (key & 0xFFFF_FFFFL);
        return order == ByteOrder.BIG_ENDIAN ? big : Long.reverseBytes(big);
    }

    /** XORs whole longs of {@code bytes[from, to)} with {@code wide}; returns how many bytes that covered. */
    private static int xorArray(byte[] bytes, int from, int to, long wide) {
        int i = from;
        for (int last = to - 7; i < last; i += 8) {
            LONGS.set(bytes, i, (long) LONGS.get(bytes, i) ^ wide);
        }
        return i - from;
    }

    /** XORs every long of the view with {@code wide}; returns how many longs there were. */
    private static int xorLongs(LongBuffer longs, long wide) {
        int count = longs.limit();
        for (int w = 0; w < count; w++) {
            longs.put(w, longs.get(w) ^ wide);
        }
        return count;
    }

    /** Like {@link #xorArray} for a short range of a direct or read-only buffer. */
    private static int xorBuffer(ByteBuffer buf, int from, int to, long wide) {
        int i = from;
        for (int last = to - 7; i < last; i += 8) {
            buf.putLong(i, buf.getLong(i) ^ wide);
        }
        return i - from;
    }
}
