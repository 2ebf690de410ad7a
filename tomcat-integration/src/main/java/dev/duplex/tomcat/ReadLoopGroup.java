package dev.duplex.tomcat;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * at the loops every {@value #WATCH_MILLIS} ms. A loop found in the same pass at three looks in a row, its thread
 * waiting at the last two (blocked on a lock, waiting or sleeping in Java, or asleep in the kernel: the network, a
 * disk) in the messages it read (their callbacks: {@link TomcatReadLoop#inCallbacks}), is taken over by another
 * pool thread ({@link TomcatReadLoop#relieve(long)}), and the held-up thread finishes only the connection it reads;
 * so is one found in the same pass in its callbacks for about a second whatever its thread does (a callback that
 * computes that long). A thread that merely waits for a processor, or a pass stretched by a collection, is left
 * alone: on a busy server with few processors a pass may last tens of milliseconds without
 * anything blocking. So a callback that waits holds up the loop's other connections for 40–60 ms, and a callback
 * that waits for another connection's message cannot wait for ever. After {@value #HANDOVERS_TO_POOL}
 * such hand-overs the application's callbacks are taken to block: from then on they run on the pool, as with
 * {@code duplex.dispatch=executor} (logged once, INFO), until the group's loops have stopped (no connection left).
 *
 * <p>Threads: {@link #next} from any thread; the watch runs on the pool, only while a loop of the group runs.
 */
final class ReadLoopGroup {

    private static final System.Logger LOG = System.getLogger(ReadLoopGroup.class.getName());

    /** How often the watch looks at the loops. */
    static final long WATCH_MILLIS = 20;
    /** Looks in a row that find a loop in the same pass, its thread waiting, before another thread takes it over. */
    static final int WAITING_TICKS = 2;
    /** Looks in a row that find a loop in the same pass, whatever its thread does, before it is taken over. */
    static final int BUSY_TICKS = 50;
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
        int[] sameTicks = new int[loops.length];
        int[] waitingTicks = new int[loops.length];
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
                boolean same = steady && pass >= 0 && pass == seen[i];
                sameTicks[i] = same ? sameTicks[i] + 1 : 0;
                waitingTicks[i] = same && l.waiting() ? waitingTicks[i] + 1 : 0;
                seen[i] = pass;
                if ((waitingTicks[i] >= WAITING_TICKS || sameTicks[i] >= BUSY_TICKS) && l.inCallbacks()) {
                    Thread held = l.relieve(pass);
                    if (held != null) {
                        handedOver(held, waitingTicks[i] >= WAITING_TICKS);
                        seen[i] = -1;
                        sameTicks[i] = 0;
                        waitingTicks[i] = 0;
                    }
                }
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

    private void handedOver(Thread held, boolean waiting) {
        int n = handovers.incrementAndGet();
        String where = Arrays.stream(held.getStackTrace()).limit(12).map(String::valueOf)
                .collect(java.util.stream.Collectors.joining("\n  at ", "\n  at ", ""));
        String how = waiting ? "waiting for over " + WATCH_MILLIS * WAITING_TICKS + " ms"
                : "busy for over " + WATCH_MILLIS * BUSY_TICKS + " ms";
        if (n == HANDOVERS_TO_POOL) {
            LOG.log(Level.INFO, "callbacks held a Duplex read loop up " + n + " times (the last " + how + "): this"
                    + " application's WebSocket callbacks now run on its callback pool, not on the loop; callbacks"
                    + " that block are best run there from the start with duplex.dispatch=executor. The last was"
                    + " held up in" + where);
            callbacksOnPool = true; // after the record: whoever sees callbacks on the pool finds it logged
        }
        // last: whoever sees the hand-over logged finds its consequences in place
        LOG.log(Level.DEBUG, () -> "a callback held a Duplex read loop up (" + how + "): another thread reads its"
                + " other connections (" + n + " times so far); held up in" + where);
    }

    /**
     * Whether thread {@code tid} (the kernel's id; 0 if unknown) sleeps in the kernel, waiting for the network, a
     * disk or a lock, rather than running or waiting for a processor: its state in {@code /proc} (Linux only).
     */
    static boolean sleepsInKernel(int tid) {
        if (tid <= 0) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
            int end = stat.lastIndexOf(')'); // the name in parentheses may hold spaces
            char state = end > 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : 'R';
            return state == 'S' || state == 'D';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The kernel's id of the calling thread (0 where {@code /proc/thread-self} is missing): read once per loop run. */
    static int currentTid() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
            return Integer.parseInt(self.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
