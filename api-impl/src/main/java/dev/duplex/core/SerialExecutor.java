package dev.duplex.core;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on threads of a shared pool: the per-connection dispatcher that
 * gives each endpoint instance one callback at a time (WSC-5.1-2) without a thread per connection. The context
 * class loader is set to the application's around every task (DESIGN.md §3 rule 6).
 *
 * <p>Threads: {@link #execute} may be called from any thread and never blocks. After a burst of tasks the worker
 * yields its pool thread, so one busy connection cannot starve the others.
 */
public final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());
    private static final int BURST = 64;

    private final Executor pool;
    private final ClassLoader contextClassLoader;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public SerialExecutor(Executor pool, ClassLoader contextClassLoader) {
        this.pool = pool;
        this.contextClassLoader = contextClassLoader;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            submit();
        }
    }

    private void submit() {
        try {
            pool.execute(this::runBurst);
        } catch (RejectedExecutionException e) {
            // The container is shutting down: its sessions were closed or aborted already.
            scheduled.set(false);
            tasks.clear();
            LOG.log(Level.DEBUG, "dropping callbacks of a connection: the container's threads have stopped");
        }
    }

    private void runBurst() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (contextClassLoader != null) {
            thread.setContextClassLoader(contextClassLoader);
        }
        try {
            for (int i = 0; i < BURST; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.log(Level.WARNING, "a dispatched task failed", t);
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
            scheduled.set(false);
            // A task may have been added after our last poll but before the flag was cleared.
            if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
                submit();
            }
        }
    }
}
