package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Mask keys: fresh per frame, from many threads at once, without repeats in practice. */
class MaskKeysTest {

    @Test
    void keysDoNotRepeatWithinAThread() {
        MaskKeys keys = new MaskKeys(4);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(keys.getAsInt());
        }
        // 10,000 draws from 2^32 values: a repeat or two is possible, a pattern is not
        assertTrue(seen.size() >= 9_990, "only " + seen.size() + " distinct keys in 10,000");
    }

    @Test
    void manyThreadsDrawDistinctKeys() throws Exception {
        MaskKeys keys = new MaskKeys(2);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(pool.submit(() -> {
                    int added = 0;
                    for (int i = 0; i < 2_000; i++) {
                        added += seen.add(keys.getAsInt()) ? 1 : 0;
                    }
                    return added;
                }));
            }
            int total = 0;
            for (Future<Integer> r : results) {
                total += r.get(30, TimeUnit.SECONDS);
            }
            assertTrue(total >= 31_950, "only " + total + " distinct keys in 32,000 draws");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sharedSourceExists() {
        assertTrue(MaskKeys.shared() == MaskKeys.shared());
    }
}
