package dev.duplex.transport;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delayed tasks of a selector loop, run by the loop's own thread (no timer thread, no wake-up from another thread):
 * the loop selects through {@link #select}, which waits no longer than the earliest task's delay, and calls
 * {@link #runDue} after each select. Meant for few tasks (a {@link Handoff}'s stall check: one at a time); tasks
 * added together run together, at the earliest of their times.
 *
 * <p>Threads: the loop's thread only.
 */
public final class LoopTimers {

    private final List<Runnable> tasks = new ArrayList<>(1);
    private long earliest;

    /** Runs {@code task} in about {@code millis} ms. */
    public void add(Runnable task, long millis) {
        long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (tasks.isEmpty() || at - earliest < 0) {
            earliest = at;
        }
        tasks.add(task);
    }

    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    /**
     * Selects on {@code selector}: without waiting when {@code now} (other work is queued) or a task is due, else
     * until a channel is ready, a wake-up, or the earliest task's time.
     */
    public void select(Selector selector, boolean now) throws IOException {
        if (tasks.isEmpty()) {
            if (now) {
                selector.selectNow();
            } else {
                selector.select();
            }
            return;
        }
        long due = earliest - System.nanoTime();
        if (now || due <= 0) {
            selector.selectNow();
        } else {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(due + 999_999))); // 0 would wait for ever
        }
    }

    /** Runs the tasks whose time has come (all of them, at the earliest time), each through {@code runner}. */
    public void runDue(Consumer<Runnable> runner) {
        if (tasks.isEmpty() || earliest - System.nanoTime() > 0) {
            return;
        }
        List<Runnable> due = new ArrayList<>(tasks);
        tasks.clear();
        due.forEach(runner);
    }
}
