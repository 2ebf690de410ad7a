package dev.duplex.core;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Runs tasks one at a time, in submission order, on threads of a shared pool: the per-connection dispatcher that
 * gives each endpoint instance one callback at a time (WSC-5.1-2) without a thread per connection. The context
 * class loader is set to the application's around every task (DESIGN.md §3 rule 6).
 *
 * <p>Threads: {@link #execute} may be called from any thread and never blocks. After a burst of tasks the worker
 * yields its pool thread, so one busy connection cannot starve the others. {@link #executeInline} lets the
 * transport's reading thread run a task itself when nothing else of this connection is queued or running (inline
 * dispatch: no thread hop); {@link #inlineOnThisThread()} then tells sends that they must not wait for a write.
 */
public final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());
    private static final int BURST = 64;
    private static final VarHandle SCHEDULED;

    static {
        try {
            SCHEDULED = MethodHandles.lookup().findVarHandle(SerialExecutor.class, "scheduled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** How deep the current thread is in inline tasks (of any connection). */
    private static final ThreadLocal<int[]> INLINE_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final Executor pool;
    private final ClassLoader contextClassLoader;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** True while a worker (pool or inline) owns the queue; a field with a VarHandle, not an AtomicBoolean. */
    private volatile boolean scheduled;

    /** Takes ownership of the queue: true when no worker had it. */
    private boolean claim() {
        return SCHEDULED.compareAndSet(this, false, true);
    }

    public SerialExecutor(Executor pool, ClassLoader contextClassLoader) {
        this.pool = pool;
        this.contextClassLoader = contextClassLoader;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (claim()) {
            submit();
        }
    }

    /**
     * Queues {@code task} without scheduling it: the caller then calls {@link #kick()} (the reader queues a whole
     * read's messages and wakes a pool thread once for all of them), unless it runs as one of this executor's own
     * tasks, whose worker takes the queue's next task anyway.
     */
    void enqueue(Runnable task) {
        tasks.add(task);
    }

    /** Schedules the tasks queued by {@link #enqueue}, if any and if no worker is on them already. */
    void kick() {
        if (!tasks.isEmpty() && claim()) {
            submit();
        }
    }

    /**
     * Runs {@code task} on the calling thread, at once, when no task of this executor is queued or running;
     * otherwise queues it like {@link #execute}, so the order of tasks is kept either way.
     */
    public void executeInline(Runnable task) {
        if (!tasks.isEmpty() || !claim()) {
            execute(task);
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (contextClassLoader != null) {
            thread.setContextClassLoader(contextClassLoader);
        }
        int[] depth = INLINE_DEPTH.get();
        depth[0]++;
        try {
            task.run();
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "a dispatched task failed", t);
        } finally {
            depth[0]--;
            thread.setContextClassLoader(previous);
            scheduled = false;
            // Tasks queued while this one ran (onClose, say) go to the pool, in order.
            if (!tasks.isEmpty() && claim()) {
                submit();
            }
        }
    }

    /**
     * True while the current thread runs a task through {@link #executeInline}: a container I/O thread, which must
     * never wait for a write to complete (DESIGN.md §3 rule 1).
     */
    public static boolean inlineOnThisThread() {
        return INLINE_DEPTH.get()[0] > 0;
    }

    private void submit() {
        try {
            pool.execute(this::runBurst);
        } catch (RejectedExecutionException e) {
            // The container is shutting down: its sessions were closed or aborted already.
            scheduled = false;
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
            scheduled = false;
            // A task may have been added after our last poll but before the flag was cleared.
            if (!tasks.isEmpty() && claim()) {
                submit();
            }
        }
    }
}
