package dev.duplex.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Runs a task with exclusive ownership, for transports whose reading or writing may be driven from several threads
 * (a container callback, an application thread that sends, a thread that resumes reading). A caller that finds the
 * task running leaves a request and returns at once; the owner runs the task again before letting go, so no request
 * is lost and no caller waits (DESIGN.md §3 rule 1).
 *
 * <p>Threads: {@link #run()} from any thread; the task runs on one thread at a time and must not block.
 */
public final class Pump {

    private static final VarHandle REQUESTS;

    static {
        try {
            REQUESTS = MethodHandles.lookup().findVarHandle(Pump.class, "requests", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Runs asked for and not yet done; a field with a VarHandle (one object less per connection). */
    @SuppressWarnings("unused") // through REQUESTS
    private volatile int requests;
    private final Runnable task;

    public Pump(Runnable task) {
        this.task = task;
    }

    /** Runs the task now, or has its current owner run it once more. */
    public void run() {
        if ((int) REQUESTS.getAndAdd(this, 1) != 0) {
            return;
        }
        int seen = 1;
        do {
            task.run();
            seen = (int) REQUESTS.getAndAdd(this, -seen) - seen;
        } while (seen != 0);
    }
}
