package dev.duplex.transport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task with exclusive ownership, for transports whose reading or writing may be driven from several threads
 * (a container callback, an application thread that sends, a thread that resumes reading). A caller that finds the
 * task running leaves a request and returns at once; the owner runs the task again before letting go, so no request
 * is lost and no caller waits (DESIGN.md §3 rule 1).
 *
 * <p>Threads: {@link #run()} from any thread; the task runs on one thread at a time and must not block.
 */
public final class Pump {

    private final AtomicInteger requests = new AtomicInteger();
    private final Runnable task;

    public Pump(Runnable task) {
        this.task = task;
    }

    /** Runs the task now, or has its current owner run it once more. */
    public void run() {
        if (requests.getAndIncrement() != 0) {
            return;
        }
        int seen = 1;
        do {
            task.run();
            seen = requests.addAndGet(-seen);
        } while (seen != 0);
    }
}
