package dev.duplex.tomcat;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link TomcatReadLoop}s of one callback pool (one web application's), and with inline dispatch their watch.
 *
 * <p>With inline dispatch the loops run callbacks on their own threads, and a callback may block (a database call,
 * a latch that another connection's message releases). So while a loop runs, a watch on a thread of the pool looks
 * at the loops every {@value #WATCH_MILLIS} ms: a loop seen in the same pass twice in a row (held up for
 * {@value #WATCH_MILLIS}–{@code 2×}{@value #WATCH_MILLIS} ms) is taken over by another pool thread
 * ({@link TomcatReadLoop#handOver(long)}), and the held-up thread finishes only the connection it reads. So a
 * callback that blocks holds up the loop's other connections for at most about 2 × {@value #WATCH_MILLIS} ms, and a
 * callback that waits for another connection's message cannot wait for ever. After {@value #HANDOVERS_TO_POOL}
 * such hand-overs the application's callbacks are taken to block: from then on they run on the pool, as with
 * {@code duplex.dispatch=executor} (logged once, INFO), until the group's loops have stopped (no connection left).
 *
 * <p>Threads: {@link #next} from any thread; the watch runs on the pool, only while a loop of the group runs.
 */
final class ReadLoopGroup {

    private static final System.Logger LOG = System.getLogger(ReadLoopGroup.class.getName());

    /** How often the watch looks at the loops. */
    static final long WATCH_MILLIS = 20;
    /** Loops taken over from a held-up thread after which callbacks run on the pool. */
    static final int HANDOVERS_TO_POOL = 3;
    /** Loops per callback pool: one per two processors, at least one, at most eight. */
    static final int LOOPS = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors() / 2));
    /** The groups of the callback pools, while a loop of theirs runs. */
    private static final Map<Executor, ReadLoopGroup> GROUPS = new ConcurrentHashMap<>();

    private final Executor pool;
    private final TomcatReadLoop[] loops = new TomcatReadLoop[LOOPS];
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean watching = new AtomicBoolean();
    private final AtomicInteger handovers = new AtomicInteger();
    /** Whether callbacks may run on the loops' threads: a connection with inline dispatch joined. */
    private volatile boolean inline;
    /** Set once callbacks were seen to block the loops: they run on the pool. */
    private volatile boolean callbacksOnPool;

    private ReadLoopGroup(Executor pool) {
        this.pool = pool;
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new TomcatReadLoop(this, pool);
        }
    }

    /**
     * A loop for a new connection whose callbacks run on {@code pool} (round-robin over the pool's loops);
     * {@code inline}: they may run on the loop's thread.
     */
    static TomcatReadLoop next(Executor pool, boolean inline) {
        ReadLoopGroup group = GROUPS.computeIfAbsent(pool, ReadLoopGroup::new);
        if (inline && !group.inline) {
            group.inline = true;
            group.watch();
        }
        return group.loops[Math.floorMod(group.next.getAndIncrement(), group.loops.length)];
    }

    /** False once callbacks were seen to block the loops. */
    boolean inlineCallbacks() {
        return !callbacksOnPool;
    }

    /** A loop of the group started: with inline dispatch, the watch runs. */
    void started() {
        if (inline) {
            watch();
        }
    }

    /** A loop's task ended: once none runs, the pool is let go of (a stopped application's pool with it). */
    void stopped() {
        if (!anyRunning()) {
            GROUPS.remove(pool, this);
        }
    }

    private boolean anyRunning() {
        for (TomcatReadLoop l : loops) {
            if (l.isRunning()) {
                return true;
            }
        }
        return false;
    }

    /** Starts the watch if it is not running. */
    private void watch() {
        if (watching.compareAndSet(false, true)) {
            try {
                pool.execute(this::runWatch);
            } catch (RejectedExecutionException e) {
                watching.set(false); // the container is stopping
            }
        }
    }

    private void runWatch() {
        long[] seen = new long[loops.length];
        Arrays.fill(seen, -1);
        long period = TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS);
        long last = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(period);
            long now = System.nanoTime();
            // a watch that overslept (the whole JVM paused, for a collection say) saw nothing: it looks again
            boolean steady = now - last < 2 * period;
            last = now;
            boolean any = false;
            for (int i = 0; i < loops.length; i++) {
                TomcatReadLoop l = loops[i];
                any |= l.isRunning();
                long pass = l.passUnderWay();
                if (steady && pass >= 0 && pass == seen[i] && l.handOver(pass)) {
                    handedOver();
                    pass = -1;
                }
                seen[i] = pass;
            }
            if (!any) {
                watching.set(false);
                // a loop that started as this watch was ending finds it still running: it is watched on here
                if (!anyRunning() || !watching.compareAndSet(false, true)) {
                    return;
                }
            }
        }
        watching.set(false);
    }

    private void handedOver() {
        int n = handovers.incrementAndGet();
        LOG.log(Level.DEBUG, () -> "a callback held up a Duplex read loop for over " + WATCH_MILLIS
                + " ms: another thread reads its other connections (" + n + " times so far)");
        if (n == HANDOVERS_TO_POOL) {
            callbacksOnPool = true;
            LOG.log(Level.INFO, "callbacks held up a Duplex read loop " + n + " times (for over " + WATCH_MILLIS
                    + " ms each): this application's WebSocket callbacks now run on its callback pool, not on the"
                    + " loop; callbacks that block are best run there from the start with duplex.dispatch=executor");
        }
    }
}
