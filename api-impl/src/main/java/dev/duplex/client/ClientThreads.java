package dev.duplex.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one client container shares among all its sessions, all daemons (a JVM exits when only they remain):
 * <ul>
 *   <li>a few {@link SelectorLoop I/O threads} ({@code duplex-client-N-io-K}): connections are spread over them
 *       round-robin; they only move bytes, run TLS and parse frames, never application code;</li>
 *   <li>a callback pool ({@code duplex-client-N-worker-K}): every session's serial dispatcher runs on it, and so do
 *       write completions and TLS delegated tasks; threads are created on demand and retire after a minute idle.
 *       What an I/O thread hands over in one pass of its selector goes to one pool thread
 *       ({@link SelectorLoop#callbacks});</li>
 *   <li>one timer thread ({@code duplex-client-N-timer-K}) for close timeouts and forced closes.</li>
 * </ul>
 * Created by the container at its first connect; stopped by {@link #shutdown}.
 *
 * <p>Threads: every method may be called from any thread.
 */
final class ClientThreads {

    private final SelectorLoop[] loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final ExecutorService pool;
    private final ScheduledThreadPoolExecutor timer;

    ClientThreads(String name, int ioThreads) {
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                factory(name + "-worker-"));
        this.timer = new ScheduledThreadPoolExecutor(1, factory(name + "-timer-"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.timer.setKeepAliveTime(60, TimeUnit.SECONDS);
        this.timer.allowCoreThreadTimeOut(true);
        this.loops = new SelectorLoop[ioThreads];
        try {
            for (int i = 0; i < ioThreads; i++) {
                loops[i] = new SelectorLoop(name + "-io-" + (i + 1), pool);
            }
        } catch (IOException e) {
            shutdownNow();
            throw new UncheckedIOException("cannot open a selector for the client I/O threads", e);
        }
    }

    /** The default number of I/O threads: a quarter of the processors, at least one, at most four. */
    static int defaultIoThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 4));
    }

    /** The I/O thread for a new connection (round-robin). */
    SelectorLoop nextLoop() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    ExecutorService pool() {
        return pool;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Stops everything: the I/O threads close their channels; running callbacks get up to {@code millis}. */
    void shutdown(long millis) throws InterruptedException {
        for (SelectorLoop loop : loops) {
            if (loop != null) {
                loop.stop();
            }
        }
        for (SelectorLoop loop : loops) {
            if (loop != null) {
                loop.join(millis);
            }
        }
        timer.shutdownNow();
        pool.shutdown();
        if (!pool.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
    }

    private void shutdownNow() {
        for (SelectorLoop loop : loops) {
            if (loop != null) {
                loop.stop();
            }
        }
        timer.shutdownNow();
        pool.shutdownNow();
    }

    /** Daemon threads with the context class loader of the thread that created the container's threads. */
    private static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        };
    }
}
