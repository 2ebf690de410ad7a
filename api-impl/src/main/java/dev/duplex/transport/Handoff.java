package dev.duplex.transport;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands callback tasks from an event loop's thread (a container I/O thread, which must not run them: DESIGN.md §3
 * rule 1) to a pool whose threads may block, waking <em>one</em> pool thread per pass of the loop instead of one per
 * task. A loop that finds forty connections readable in one pass hands their forty tasks to one thread, which runs
 * them one after the other; handing each to a thread of its own costs two context switches per task, which on a
 * busy server is more than the tasks themselves.
 *
 * <p>Running tasks one after the other must not let one task that blocks hold the others up: when no task has
 * started for {@value #STALL_MILLIS} ms while tasks wait, another pool thread is started on them (checked at each
 * pass of the loop that queued tasks, and by a timer on the loop while tasks wait). So a task that blocks delays
 * those queued behind it by about that long, once; after that they run on other threads, as if each had its own.
 * Nor may a long queue wait for one thread while processors are idle: while more than {@value #BACKLOG} tasks per
 * pool thread wait, another is started, up to one per processor.
 *
 * <p>Threads: {@link #execute} on the loop's thread only; the tasks run on the pool's threads.
 */
public final class Handoff {

    private static final System.Logger LOG = System.getLogger(Handoff.class.getName());

    /** How long tasks may wait with no task starting before another pool thread takes them on. */
    static final long STALL_MILLIS = 2;
    /** Waiting tasks per pool thread above which another is started (up to one per processor). */
    static final int BACKLOG = 16;

    /** The event loop that feeds a handoff: both methods are called on the loop's own thread. */
    public interface Loop {
        /** Runs {@code task} on the loop's thread once the events it is handling now are handled. */
        void afterEvents(Runnable task);

        /** Runs {@code task} on the loop's thread in about {@code millis} ms. */
        void after(Runnable task, long millis);
    }

    private final Executor pool;
    private final Loop loop;
    private final long stallMillis;
    private final long stallNanos;
    private final int maxBusyDrainers;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainers = new AtomicInteger();
    /** Tasks queued and not yet taken. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Runnable drain = this::drain;
    private final Runnable flush = this::flush;
    private final Runnable watch = this::watch;
    /** When a pool thread last started a task, or was started (System.nanoTime()). */
    private volatile long lastStart;
    // the loop's thread only
    private boolean flushScheduled;
    private boolean watching;

    public Handoff(Executor pool, Loop loop) {
        this(pool, loop, STALL_MILLIS, Runtime.getRuntime().availableProcessors());
    }

    Handoff(Executor pool, Loop loop, long stallMillis, int processors) {
        this.pool = pool;
        this.loop = loop;
        this.stallMillis = stallMillis;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
        this.maxBusyDrainers = Math.max(1, processors);
    }

    /** Queues {@code task}; a pool thread takes it once the loop's current events are handled. Loop thread only. */
    public void execute(Runnable task) {
        tasks.add(task);
        waiting.incrementAndGet();
        if (!flushScheduled) {
            flushScheduled = true;
            try {
                loop.afterEvents(flush);
            } catch (RejectedExecutionException e) {
                flushScheduled = false;
                flush(); // the loop is stopping: hand over now
            }
        }
    }

    private void flush() {
        flushScheduled = false;
        check();
    }

    private void watch() {
        watching = false;
        check();
    }

    /** On the loop's thread: makes sure a pool thread that is not stuck will take the waiting tasks. */
    private void check() {
        if (tasks.isEmpty()) {
            return;
        }
        int busy = drainers.get();
        int queued = waiting.get(); // before any thread is started: one started now may take a task at once
        int started = 0;
        if (busy == 0 || System.nanoTime() - lastStart > stallNanos) {
            startDrainer();
            busy++;
            started++;
        }
        while (busy < maxBusyDrainers && waiting.get() > BACKLOG * busy) {
            startDrainer();
            busy++;
            started++;
        }
        // A task can be held up only behind another; one that a pool thread was just started for cannot. At one
        // message in flight that is every pass, and a loop with no check due can wait in its selector for ever.
        if (!watching && queued > started && !tasks.isEmpty()) {
            watching = true;
            try {
                loop.after(watch, stallMillis);
            } catch (RejectedExecutionException e) {
                watching = false; // the loop is stopping: the pool threads already started finish the queue
            }
        }
    }

    private void startDrainer() {
        drainers.incrementAndGet();
        lastStart = System.nanoTime();
        try {
            pool.execute(drain);
        } catch (RejectedExecutionException e) {
            // The container's pool is stopping: its connections are closing, and their last callbacks still run.
            LOG.log(Level.DEBUG, "the callback pool refused a task; running the queued callbacks on the common pool");
            ForkJoinPool.commonPool().execute(drain);
        }
    }

    /** A pool thread: runs queued tasks until there are none. */
    private void drain() {
        while (true) {
            Runnable task = tasks.poll();
            if (task == null) {
                drainers.decrementAndGet();
                if (tasks.isEmpty()) {
                    return;
                }
                drainers.incrementAndGet(); // one came in as this thread was leaving: take it (another may, too)
                continue;
            }
            waiting.decrementAndGet();
            lastStart = System.nanoTime();
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "a handed-off task failed", t);
            }
        }
    }
}
