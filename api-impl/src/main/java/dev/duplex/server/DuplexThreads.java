package dev.duplex.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A container's shared threads: a pool that runs application callbacks (threads are created on demand and retire
 * after a minute idle, so an idle container holds none) and one timer thread for close and idle timeouts.
 * Daemon threads, named {@code duplex-<name>-N}. Stopped by {@link #shutdown()}.
 */
final class DuplexThreads {

    private final ExecutorService pool;
    private final ScheduledThreadPoolExecutor timer;
    private final java.util.Set<Thread> started = java.util.concurrent.ConcurrentHashMap.newKeySet();

    DuplexThreads(String name) {
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                factory("duplex-" + name + "-", started));
        this.timer = new ScheduledThreadPoolExecutor(1, factory("duplex-" + name + "-timer-", started));
        this.timer.setRemoveOnCancelPolicy(true);
        this.timer.setKeepAliveTime(60, TimeUnit.SECONDS);
        this.timer.allowCoreThreadTimeOut(true);
    }

    ExecutorService pool() {
        return pool;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Stops both, waiting up to {@code millis} for running callbacks to finish. */
    void shutdown(long millis) throws InterruptedException {
        timer.shutdownNow();
        pool.shutdown();
        if (!pool.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
        // A terminated pool's threads may still be exiting: wait for them, so that the container's leak check
        // after undeploy finds none of ours.
        for (Thread t : started) {
            t.join(Math.max(1, millis));
        }
    }

    private static ThreadFactory factory(String prefix, java.util.Set<Thread> started) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(() -> {
                try {
                    r.run();
                } finally {
                    started.remove(Thread.currentThread());
                }
            }, prefix + count.incrementAndGet());
            t.setDaemon(true);
            started.add(t);
            return t;
        };
    }
}
