package dev.duplex.tomcat;

import dev.duplex.transport.Handoff;
import dev.duplex.transport.LoopTimers;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads plain upgraded connections on Tomcat's NIO connector in place of Tomcat's poller (unless
 * {@value TomcatConnectionUpgrader#READ_LOOP_KEY}{@code =never}): a selector of Duplex's own, on which a
 * connection's socket stays registered for reading for its whole life. Tomcat's poller takes a socket off its
 * selector for every read event and puts it back when the event is handled (two {@code epoll_ctl} per message at
 * one message in flight, 13–15 % of the server's CPU), then hands the event to a worker thread.
 *
 * <p>With inline dispatch the callbacks run on the loop's thread itself, as it reads, and the replies of one turn of
 * a connection leave together: no thread hand-off and no {@code epoll_ctl} per message. A callback that blocks does
 * not hold the loop's other connections up for long: the group's watch ({@link ReadLoopGroup}) hands the loop to
 * another pool thread ({@link #relieve}), and the held-up thread finishes only the connection it reads (whose
 * socket the loop stops watching until then: {@link TomcatTransport#loopRead}).
 *
 * <p>With executor dispatch (or once callbacks were seen to block) the loop hands the callbacks of each pass to one
 * thread of the container's callback pool ({@link Handoff}). The replies that a burst of one connection's callbacks
 * writes leave together as it ends; while bursts run, a valve on the loop flushes every {@value #VALVE_MILLIS} ms
 * the replies of a burst that is still running (its callback may block). Writing and closing go through Tomcat's
 * socket wrapper, and a write that does not fit still waits for Tomcat's write event.
 *
 * <pre>
 *   loop: queued tasks (register, release, resume, hand-off flushes) -> select -> TomcatTransport.loopRead ...
 *   no connection left and nothing queued: the loop's task ends; the next registration starts it again.
 * </pre>
 *
 * <p>Threads: the loop runs as a task on the container's callback pool (a {@code duplex-<context>-N} thread) and
 * only while it has connections, so a container with none, an undeployed application's included, has no thread
 * of it. {@link #execute} may be called from any thread and never blocks.
 */
final class TomcatReadLoop implements Handoff.Loop {

    private static final System.Logger LOG = System.getLogger(TomcatReadLoop.class.getName());

    /** The class whose {@code received} hands what a loop reads over: below it, the callbacks run. */
    private static final String RECEIVED_IN = TomcatTransport.class.getName();
    /** How long a burst of callbacks may hold its connection's replies back before the loop flushes them. */
    static final long VALVE_MILLIS = 2;

    private final ReadLoopGroup group;
    private final Executor pool;
    private final Handoff handoff;
    private final Executor callbacks = this::handOver;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Guards {@link #running} and {@link #selector}: starting and stopping against wake-ups from other threads. */
    private final Object lock = new Object();
    private volatile boolean running;
    private Selector selector;
    /** The thread that runs the loop now; null for a moment while another takes it over. */
    private volatile Thread thread;
    /** Passes begun (by whichever thread ran the loop); read by the group's watch. */
    private volatile long passes;
    /** Whether a pass is under way: its connections' turns run (with inline dispatch, their callbacks). */
    private volatile boolean inPass;
    /** The connection whose turn the pass runs now. */
    private volatile LoopReader reading;
    /** The kernel's id of the thread that runs the loop ({@link ReadLoopGroup#currentTid}). */
    private volatile int tid;
    /** Bursts of callbacks of this loop's connections submitted and not yet ended. */
    private final AtomicInteger bursts = new AtomicInteger();
    /** Connections whose running burst holds replies back: a stack linked through their nextWatched. */
    private final AtomicReference<TomcatTransport> watched = new AtomicReference<>();
    private final Runnable valve = this::valve;
    private final Runnable armValve = this::armValve;
    // the loop's thread only
    private int connections;
    private final LoopTimers timers = new LoopTimers();
    private boolean valveArmed;

    TomcatReadLoop(ReadLoopGroup group, Executor pool) {
        this.group = group;
        this.pool = pool;
        this.handoff = new Handoff(pool, this);
    }

    /**
     * A loop for a new connection whose callbacks run on {@code pool} (round-robin over the pool's loops);
     * {@code inline}: they may run on the loop's thread.
     */
    static TomcatReadLoop next(Executor pool, boolean inline) {
        return ReadLoopGroup.next(pool, inline);
    }

    /** With inline dispatch: false once callbacks were seen to block the loops, so they run on the pool. */
    boolean inlineCallbacks() {
        return group.inlineCallbacks();
    }

    boolean isRunning() {
        return running;
    }

    /**
     * The executor for the callbacks of this loop's connections: tasks queued on the loop's thread go to the pool
     * through its {@link Handoff} (one pool thread per pass), others straight to the pool.
     */
    Executor callbacks() {
        return callbacks;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop's thread, starting the loop if it is not running. */
    void execute(Runnable task) {
        tasks.add(task);
        if (inLoop()) {
            return;
        }
        boolean start = false;
        synchronized (lock) {
            if (!running) {
                running = true;
                start = true;
            } else if (selector != null && wakeupPending.compareAndSet(false, true)) {
                selector.wakeup();
            }
        }
        if (start) {
            try {
                pool.execute(this::run);
            } catch (RejectedExecutionException e) {
                // The container is stopping: its connections are ending. Run what was queued here.
                synchronized (lock) {
                    running = false;
                    runStopped();
                }
            }
        }
    }

    /**
     * Runs {@code task} on the loop's thread if the loop is running, else drops it: for a connection's tasks after
     * its registration (resume, release), since a loop stops only once none is registered. A closed connection so
     * never starts a loop again.
     */
    void executeIfRunning(Runnable task) {
        synchronized (lock) {
            if (!running) {
                return;
            }
            tasks.add(task);
            if (selector != null && !inLoop() && wakeupPending.compareAndSet(false, true)) {
                selector.wakeup();
            }
        }
    }

    @Override
    public void afterEvents(Runnable task) {
        tasks.add(task); // on the loop's thread: runs once the pass's ready keys are handled
    }

    @Override
    public void after(Runnable task, long millis) {
        timers.add(task, millis); // on the loop's thread, as the handoff's checks run there
    }

    /** A turn of {@code reader} begins on the loop's thread (in a pass, or in a task). */
    void turnOf(LoopReader reader) {
        reading = reader;
    }

    /** Registers {@code channel} for reading by {@code reader}; on the loop's thread. */
    SelectionKey register(SocketChannel channel, LoopReader reader) throws IOException {
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ, reader);
        connections++;
        return key;
    }

    /**
     * Lets go of a registration made by {@link #register}: on the loop's thread, or on one the loop was taken from,
     * which finishes its connection's turn ({@link #relieve}).
     */
    void release(SelectionKey key) {
        key.cancel();
        if (inLoop()) {
            connections--;
        } else {
            execute(() -> connections--);
        }
    }

    /**
     * Runs a burst of {@code transport}'s callbacks (its serial executor's worker) on the pool, its replies held back
     * until it ends ({@link TomcatTransport#holdReplies}). Any thread: on the loop's thread the valve is armed before
     * it next selects; from another, a first burst wakes the loop to arm it.
     */
    void submitBurst(TomcatTransport transport, Runnable burst) {
        if (bursts.getAndIncrement() == 0 && !inLoop()) {
            executeIfRunning(armValve);
        }
        try {
            callbacks.execute(() -> runBurst(transport, burst));
        } catch (RuntimeException | Error e) {
            bursts.decrementAndGet();
            throw e;
        }
    }

    private void runBurst(TomcatTransport transport, Runnable burst) {
        transport.holdReplies();
        try {
            burst.run();
        } finally {
            try {
                transport.repliesLeave();
            } finally {
                bursts.decrementAndGet();
            }
        }
    }

    /** Puts {@code transport} on the watch list (its running burst holds replies back); any thread, once per listing. */
    void watch(TomcatTransport transport) {
        TomcatTransport head;
        do {
            head = watched.get();
            transport.nextWatched = head;
        } while (!watched.compareAndSet(head, transport));
    }

    /** On the loop's thread, before it selects: while bursts run, the valve checks on them every few milliseconds. */
    private void armValve() {
        if (!valveArmed && connections > 0 && (bursts.get() > 0 || watched.get() != null)) {
            valveArmed = true;
            timers.add(valve, VALVE_MILLIS);
        }
    }

    /**
     * A burst may block in a callback after writing a reply, which would then wait for the burst's end: the replies
     * of the connections on the watch list are flushed, and those whose burst still runs stay on it.
     */
    private void valve() {
        valveArmed = false;
        TomcatTransport t = watched.getAndSet(null);
        while (t != null) {
            TomcatTransport next = t.nextWatched;
            t.nextWatched = null;
            boolean stays;
            try {
                stays = t.flushHeldBack();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "flushing a WebSocket connection's replies failed", e);
                stays = false;
            }
            if (stays) {
                watch(t);
            }
            t = next;
        }
        armValve();
    }

    private void handOver(Runnable task) {
        if (inLoop()) {
            handoff.execute(task);
        } else {
            pool.execute(task);
        }
    }

    private void run() {
        Selector sel;
        try {
            sel = Selector.open();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot open a selector for reading WebSocket connections", e);
            synchronized (lock) {
                running = false;
                runStopped();
            }
            return;
        }
        wakeupPending.set(false);
        synchronized (lock) {
            selector = sel;
            thread = Thread.currentThread();
        }
        group.started();
        serve(sel);
    }

    /**
     * Called by the group's watch, which found pass {@code pass} held up in its callbacks: if it is still under way,
     * another pool thread takes the loop over, and the held-up thread finishes only the read at hand. Returns the
     * held-up thread when the loop was handed over, else null.
     */
    Thread relieve(long pass) {
        Thread held;
        synchronized (lock) {
            if (!running || !inPass || passes != pass || thread == null) {
                return null;
            }
            held = thread;
            thread = null;
            inPass = false;
        }
        LoopReader turn = reading;
        if (turn != null) {
            turn.transport().heldUp(); // replies its callback wrote before it blocked leave with the valve's next check
        }
        try {
            pool.execute(this::takeOver);
            return held;
        } catch (RejectedExecutionException e) {
            // The container is stopping, its connections with it: the loop ends here.
            Selector sel;
            synchronized (lock) {
                sel = selector;
                selector = null;
                running = false;
                runStopped();
            }
            failAll(sel, new IOException("the WebSocket container is stopping", e));
            closeSelector(sel);
            group.stopped();
            return null;
        }
    }

    /** The pass under way ({@link #passes}), or -1 between passes. */
    long passUnderWay() {
        return inPass ? passes : -1;
    }

    /**
     * Whether the loop's thread waits now: blocked or waiting in Java, or (Linux) asleep in the kernel; not when it
     * runs, or waits for a processor. For the group's watch.
     */
    boolean waiting() {
        Thread t = thread;
        if (t == null) {
            return false;
        }
        Thread.State state = t.getState();
        return state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                || state == Thread.State.RUNNABLE && ReadLoopGroup.sleepsInKernel(tid);
    }

    /**
     * Whether the loop's thread is in the messages it read, their callbacks included (below
     * {@link TomcatTransport#received}), rather than in its own code, which never waits for long (a monitor that a
     * thread waiting for a processor holds, say). For the group's watch, before it takes the loop over: looks at the
     * thread's stack.
     */
    boolean inCallbacks() {
        Thread t = thread;
        if (t == null) {
            return false;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getMethodName().equals("received") && frame.getClassName().equals(RECEIVED_IN)) {
                return true;
            }
        }
        return false;
    }

    private void takeOver() {
        Selector sel;
        synchronized (lock) {
            sel = selector;
            if (sel == null) {
                return;
            }
            thread = Thread.currentThread();
        }
        serve(sel);
    }

    /** Runs the loop on this thread until it stops, or until it is handed over to another while this is held up. */
    private void serve(Selector sel) {
        Thread me = Thread.currentThread();
        tid = ReadLoopGroup.currentTid();
        SelectionKey[] ready = new SelectionKey[16];
        try {
            while (true) {
                if (!runTasks(me)) {
                    return; // handed over while this thread was held up in a task
                }
                if (connections == 0 && timers.isEmpty()) {
                    synchronized (lock) {
                        if (tasks.isEmpty()) {
                            thread = null;
                            selector = null;
                            running = false;
                            break;
                        }
                    }
                    continue;
                }
                armValve(); // bursts submitted by this pass: checked on while they run
                timers.select(sel, !tasks.isEmpty()); // tasks queued by the tasks just run (a hand-off) go next
                wakeupPending.set(false);
                // The ready keys are copied: should this thread be held up in a pass, the next selects meanwhile.
                Set<SelectionKey> selected = sel.selectedKeys();
                if (selected.size() > ready.length) {
                    ready = new SelectionKey[Math.max(selected.size(), 2 * ready.length)];
                }
                int n = 0;
                for (SelectionKey key : selected) {
                    ready[n++] = key;
                }
                selected.clear();
                passes++;
                inPass = true;
                for (int i = 0; i < n; i++) {
                    SelectionKey key = ready[i];
                    ready[i] = null;
                    if (thread != me) {
                        return; // handed over while this thread was held up: the rest of the pass is the new one's
                    }
                    if (key.isValid()) {
                        ((LoopReader) key.attachment()).loopRead(key);
                    }
                }
                synchronized (lock) {
                    if (thread != me) {
                        return;
                    }
                    inPass = false;
                    reading = null;
                }
                timers.runDue(TomcatReadLoop::runSafely);
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(Level.ERROR, "a Duplex reading thread failed; its WebSocket connections are closed", e);
            failAll(sel, e);
        }
        closeSelector(sel);
        group.stopped();
    }

    private static void closeSelector(Selector sel) {
        if (sel == null) {
            return;
        }
        try {
            sel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a selector failed", e);
        }
    }

    /**
     * Runs the queued tasks as a pass of their own (a task may read a connection, and run its callbacks: a
     * registration, a resume), so the watch sees it too. Returns false if the loop was taken from this thread
     * meanwhile.
     */
    private boolean runTasks(Thread me) {
        int n = tasks.size();
        if (n == 0) {
            return true;
        }
        passes++;
        inPass = true;
        // Only the tasks present now: a task that queues another (a hand-off's flush) leaves it for the next pass.
        for (; n > 0; n--) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            runSafely(task);
            if (thread != me) {
                return false;
            }
        }
        synchronized (lock) {
            if (thread != me) {
                return false;
            }
            inPass = false;
            reading = null;
        }
        return true;
    }

    /** After the loop failed: every registered connection ends. */
    private void failAll(Selector sel, Exception failure) {
        synchronized (lock) {
            thread = null;
            selector = null;
            running = false;
        }
        List<SelectionKey> keys;
        try {
            keys = new ArrayList<>(sel.keys());
        } catch (ClosedSelectorException e) {
            keys = List.of();
        }
        for (SelectionKey key : keys) {
            ((LoopReader) key.attachment()).loopFailed(failure);
        }
        connections = 0;
    }

    /** No loop can run (the pool refused it): queued tasks run here; registrations fail. Under the lock. */
    private void runStopped() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            runSafely(task);
        }
    }

    /** True while the loop's thread can take registrations (tasks run by {@link #runStopped} see false). */
    boolean takesRegistrations() {
        return inLoop() && selector != null;
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a task of a Duplex reading thread failed", e);
        }
    }
}
