package dev.duplex.client;

import dev.duplex.transport.Handoff;
import dev.duplex.transport.LoopTimers;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client I/O thread: a {@link Selector} that serves many socket channels, plus a queue of tasks that run on the
 * same thread. Every channel operation and every interest change of the channels registered here happens on this
 * thread, so {@link IoHandler}s need no locks for their channel state.
 *
 * <pre>
 *   loop: select() -> ready keys -> IoHandler.ready(ops) -> queued tasks -> select() ...
 *   stop(): close every channel (IoHandler.failed), then the selector; the thread ends.
 * </pre>
 *
 * <p>Callbacks (application code, which may block) never run here: {@link #callbacks} hands them to the callback
 * pool, those queued during one pass of the loop to one pool thread ({@link Handoff}), not each to a thread of its
 * own.
 *
 * <p>Threads: {@link #execute} may be called from any thread and never blocks (it wakes the selector at most once
 * per batch of tasks). Tasks and handlers must never block: the loop serves every connection assigned to it.
 * The thread is a daemon, so it never keeps a JVM alive.
 */
final class SelectorLoop implements Executor {

    private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());

    /** A channel's events, called on the loop thread only. */
    interface IoHandler {

        /** The channel is ready for the operations in {@code readyOps}. */
        void ready(int readyOps);

        /** The loop is stopping, or {@link #ready} threw: the handler must close its channel. */
        void failed(Throwable failure);
    }

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Executor pool;
    private final Handoff handoff;
    private final Executor callbacks = this::handOver;
    private final LoopTimers timers = new LoopTimers(); // the loop's thread only
    private volatile boolean stopping;

    /**
     * Starts the loop's thread.
     *
     * @param pool the callback pool, whose threads may block
     */
    SelectorLoop(String name, Executor pool) throws IOException {
        this.pool = pool;
        this.handoff = new Handoff(pool, new Handoff.Loop() {
            @Override
            public void afterEvents(Runnable task) {
                execute(task); // queued tasks run once the pass's ready keys are handled
            }

            @Override
            public void after(Runnable task, long millis) {
                timers.add(task, millis);
            }
        });
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.setContextClassLoader(null);   // runs no application code: pins no application class loader
        this.thread.start();
    }

    /** True when called on this loop's thread. */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, after the tasks already queued. */
    @Override
    public void execute(Runnable task) {
        if (stopping) {
            throw new RejectedExecutionException("the client I/O thread " + thread.getName() + " has stopped");
        }
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * The executor for callbacks of the connections on this loop: tasks queued on the loop's thread go to the pool
     * through its {@link Handoff}, those queued on other threads straight to the pool.
     */
    Executor callbacks() {
        return callbacks;
    }

    /** The callback pool behind {@link #callbacks}. */
    Executor pool() {
        return pool;
    }

    private void handOver(Runnable task) {
        if (inLoop()) {
            handoff.execute(task);
        } else {
            pool.execute(task);
        }
    }

    /** Registers {@code channel} for {@code ops}; on the loop thread only. */
    SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) throws IOException {
        return channel.register(selector, ops, handler);
    }

    /** Stops the loop: every channel is failed and closed; later tasks are rejected. Returns at once. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    /** Waits up to {@code millis} for the loop thread to end. */
    void join(long millis) throws InterruptedException {
        if (!inLoop()) {
            thread.join(millis);
        }
    }

    private void run() {
        try {
            while (!stopping) {
                timers.select(selector, !tasks.isEmpty()); // tasks a task queued go next, without waiting
                wakeupPending.set(false);
                for (SelectionKey key : selector.selectedKeys()) {
                    dispatch(key);
                }
                selector.selectedKeys().clear();
                runTasks();
                timers.runDue(SelectorLoop::runTask);
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(Level.ERROR, "client I/O thread " + thread.getName() + " failed; its connections are closed", e);
        } finally {
            closeAll();
        }
    }

    private static void dispatch(SelectionKey key) {
        IoHandler handler = (IoHandler) key.attachment();
        try {
            if (key.isValid()) {
                handler.ready(key.readyOps());
            }
        } catch (Throwable t) {
            LOG.log(Level.DEBUG, "an I/O handler failed", t);
            handler.failed(t);
        }
    }

    private void runTasks() {
        // Only the tasks present now: a task that queues another does not keep the selector waiting.
        for (int n = tasks.size(); n > 0; n--) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            runTask(task);
        }
    }

    private static void runTask(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "a task on client I/O thread " + Thread.currentThread().getName() + " failed", t);
        }
    }

    private void closeAll() {
        stopping = true;
        // Tasks left over first (one may register a channel), then every channel is failed and closed.
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(Level.DEBUG, "a task left at shutdown failed", t);
            }
        }
        IOException stopped = new IOException("the client container was shut down");
        List<SelectionKey> keys;
        try {
            keys = new ArrayList<>(selector.keys());
        } catch (ClosedSelectorException e) {
            keys = List.of();
        }
        for (SelectionKey key : keys) {
            try {
                ((IoHandler) key.attachment()).failed(stopped);
            } catch (Throwable t) {
                LOG.log(Level.DEBUG, "closing a channel at shutdown failed", t);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the selector failed", e);
        }
    }
}
