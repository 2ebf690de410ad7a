package dev.duplex.core;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection's idle timeout on the container's shared timer thread: one task at a time, which on waking either
 * fires (no activity for the whole timeout) or sleeps again for the time left. Recording activity is one volatile
 * write, cheap enough for every read and send. Fires within the timer's latency of expiry, whatever the
 * connection's other threads are doing.
 *
 * <p>Threads: {@link #activity()} from any thread; the rest under this object's lock.
 */
final class IdleTimer {

    private final ScheduledExecutorService scheduler;
    private final Runnable onExpiry;
    private volatile long lastActivity = System.nanoTime();
    private long timeoutNanos;
    private ScheduledFuture<?> task;
    private boolean stopped;

    IdleTimer(ScheduledExecutorService scheduler, Runnable onExpiry) {
        this.scheduler = scheduler;
        this.onExpiry = onExpiry;
    }

    void activity() {
        lastActivity = System.nanoTime();
    }

    /** Sets the timeout; 0 or less disables it. Counts idle time from now. */
    synchronized void setTimeout(long millis) {
        cancel();
        timeoutNanos = millis > 0 ? TimeUnit.MILLISECONDS.toNanos(millis) : 0;
        lastActivity = System.nanoTime();
        if (timeoutNanos > 0 && !stopped) {
            schedule(timeoutNanos);
        }
    }

    synchronized long timeoutMillis() {
        return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
    }

    synchronized void stop() {
        stopped = true;
        cancel();
    }

    private void check() {
        synchronized (this) {
            task = null;
            if (stopped || timeoutNanos <= 0) {
                return;
            }
            long idleFor = System.nanoTime() - lastActivity;
            if (idleFor < timeoutNanos) {
                schedule(timeoutNanos - idleFor);
                return;
            }
            stopped = true;
        }
        onExpiry.run();
    }

    private void schedule(long nanos) {
        try {
            task = scheduler.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            task = null; // the container is shutting down
        }
    }

    private void cancel() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
