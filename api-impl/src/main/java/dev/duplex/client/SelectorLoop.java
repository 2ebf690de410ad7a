package dev.duplex.client;

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
    private volatile boolean stopping;

    SelectorLoop(String name) throws IOException {
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
                selector.select();
                wakeupPending.set(false);
                for (SelectionKey key : selector.selectedKeys()) {
                    dispatch(key);
                }
                selector.selectedKeys().clear();
                runTasks();
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
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "a task on client I/O thread " + thread.getName() + " failed", t);
            }
        }
        if (!tasks.isEmpty()) {
            wakeupPending.set(true);
            selector.wakeup();
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
