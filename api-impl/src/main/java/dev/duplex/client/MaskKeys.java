package dev.duplex.client;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.function.IntSupplier;

/**
 * Masking keys for client frames: a fresh 32-bit key per frame from a cryptographically strong source
 * (RFC 6455 §5.3: "the masking key MUST be derived from a strong source of entropy", unpredictable to the
 * application).
 *
 * <p>Why this shape: one shared {@link SecureRandom} is a known bottleneck under load (Tyrus users asked for a
 * pluggable generator for this reason): the JDK's default {@code NativePRNG} funnels every instance through one
 * lock, and {@code DRBG} instances synchronise their {@code nextBytes}. So keys come from a fixed set of
 * <em>stripes</em> (twice the processor count, a power of two), each with its own independently self-seeded
 * {@code DRBG} instance and a batch of 64 keys drawn with a single {@code nextBytes} call. A thread picks its stripe
 * by a hash of its id, so concurrent senders rarely share a lock, and a lock is held only to take one int (plus one
 * {@code nextBytes} every 64 frames). Stripes rather than thread-locals: nothing of ours is left on an application
 * server's pooled threads (no class loader pinned), and the number of generators stays bounded.
 *
 * <p>Threads: {@link #getAsInt()} may be called from any thread; it never blocks beyond a stripe's short lock,
 * except that the very first draw of a stripe may wait for the platform's entropy source to seed it.
 */
final class MaskKeys implements IntSupplier {

    private static final int BATCH = 64;

    private static final class Holder {
        static final MaskKeys SHARED = new MaskKeys(2 * Runtime.getRuntime().availableProcessors());
    }

    private final Stripe[] stripes;
    private final int mask;

    MaskKeys(int minimumStripes) {
        int n = Integer.highestOneBit(Math.max(1, minimumStripes) * 2 - 1);
        this.stripes = new Stripe[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = new Stripe();
        }
        this.mask = n - 1;
    }

    /** The process-wide source that every client container uses. */
    static MaskKeys shared() {
        return Holder.SHARED;
    }

    @Override
    public int getAsInt() {
        long id = Thread.currentThread().getId();
        int hash = (int) ((id * 0x9E3779B97F4A7C15L) >>> 32);
        return stripes[hash & mask].next();
    }

    private static final class Stripe {
        private final byte[] bytes = new byte[BATCH * 4];
        private SecureRandom random;
        private int next = BATCH;

        synchronized int next() {
            if (next == BATCH) {
                if (random == null) {
                    random = newRandom();
                }
                random.nextBytes(bytes);
                next = 0;
            }
            int i = 4 * next++;
            return (bytes[i] & 0xFF) << 24 | (bytes[i + 1] & 0xFF) << 16 | (bytes[i + 2] & 0xFF) << 8
                    | (bytes[i + 3] & 0xFF);
        }

        private static SecureRandom newRandom() {
            try {
                return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                return new SecureRandom();
            }
        }
    }
}
