package dev.duplex.benchmarks.dispatch;

import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import dev.duplex.transport.WriteCallback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An in-memory {@link Transport} with no peer: the benchmark thread plays the container's I/O thread and hands
 * inbound bytes to the connection with {@link #read}; {@link #write} consumes the outbound bytes (counts them,
 * copies them only while {@link #capture} is on), completes the callback at once and wakes the reader waiting in
 * {@link #awaitWritten}.
 *
 * <p>Threads: {@link #read} and {@link #awaitWritten} on the one benchmark thread; {@link #write} on whatever
 * thread sends (the session's dispatcher on a pool thread; with inline dispatch the reading thread itself, inside
 * {@link #read}), one write outstanding at a time;
 * pause/resume from either. A waiting reader yields (or spins, see {@link #WAIT}) for up to {@link #SPIN_NANOS}
 * (100 µs unless set), then parks until the writer unparks it. It polls rather than sleeps because a real I/O
 * thread never waits for the echo at all: the dispatcher writes to the socket itself, so the wake-up of a parked
 * reader is an artifact of the benchmark that polling keeps out of the figures.
 */
final class MemoryTransport implements Transport {

    /**
     * How a reader waits before it parks (system property {@code duplex.dispatch.wait}): {@code yield} (default)
     * calls {@link Thread#yield} between checks, so on a machine busy with other work the dispatcher can have the
     * core; {@code spin} uses {@link Thread#onSpinWait} (lowest latency on an idle machine, but it starves the
     * dispatcher when other processes compete for the cores); {@code park} parks at once.
     */
    static final String WAIT = System.getProperty("duplex.dispatch.wait", "yield");
    /** How long a waiting reader spins (or yields) before it parks (property {@code duplex.dispatch.spinNanos}). */
    static final long SPIN_NANOS = "park".equals(WAIT) ? 0 : Long.getLong("duplex.dispatch.spinNanos", 100_000);
    private static final boolean YIELD = checkWait(WAIT);
    /** A lost echo fails the run instead of hanging it. */
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** A parked reader re-checks at least this often (a safety net; the writer unparks it). */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong written = new AtomicLong();
    private volatile TransportListener listener;
    private volatile Thread waiter;
    private volatile boolean paused;
    private volatile boolean closed;
    private volatile ByteArrayOutputStream capture;

    private static boolean checkWait(String wait) {
        if (!wait.equals("yield") && !wait.equals("spin") && !wait.equals("park")) {
            throw new IllegalArgumentException("duplex.dispatch.wait must be yield, spin or park, was " + wait);
        }
        return wait.equals("yield");
    }

    @Override
    public void start(TransportListener listener) {
        this.listener = listener;
    }

    /**
     * Delivers {@code data} as one read, as a container's I/O thread would after a socket read, once reading is
     * not paused. The connection consumes all of it before this returns.
     */
    void read(ByteBuffer data) {
        long start = paused ? System.nanoTime() : 0;
        for (int spins = 1; paused; spins++) {
            if (!spun(start, spins, "reading to resume")) {
                waiter = Thread.currentThread();
                if (paused) {
                    LockSupport.parkNanos(this, PARK_NANOS);
                }
                waiter = null;
            }
        }
        listener.onRead(data);
    }

    /** Returns once {@code target} bytes were written in total since the start. */
    void awaitWritten(long target) {
        if (written.get() >= target) {
            return; // the echo went out during onRead (inline dispatch)
        }
        long start = System.nanoTime();
        for (int spins = 1; written.get() < target; spins++) {
            if (!spun(start, spins, "the echo")) {
                // Publish the waiter, then re-check: the writer adds its bytes, then reads the waiter (both
                // volatile), so one of us sees the other and no wake-up is lost.
                waiter = Thread.currentThread();
                if (written.get() < target) {
                    LockSupport.parkNanos(this, PARK_NANOS);
                }
                waiter = null;
            }
        }
    }

    long written() {
        return written.get();
    }

    /** Starts (a new buffer) or stops (null) keeping a copy of every byte written; for checks in setup only. */
    void capture(ByteArrayOutputStream sink) {
        this.capture = sink;
    }

    /** Spins once and returns true while the wait that began at {@code start} is young; false: time to park. */
    private boolean spun(long start, int spins, String what) {
        long waited = (spins & 63) == 0 ? System.nanoTime() - start : 0;
        if (waited < SPIN_NANOS) {
            if (YIELD) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
            return true;
        }
        if (waited > GIVE_UP_NANOS || closed) {
            throw new IllegalStateException("gave up waiting for " + what + " after " + waited / 1_000_000
                    + " ms (" + written.get() + " bytes written, transport " + (closed ? "closed" : "open") + ")");
        }
        return false;
    }

    private void wakeWaiter() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        if (closed) {
            callback.failed(new IOException("the in-memory transport is closed"));
            return;
        }
        ByteArrayOutputStream sink = capture;
        long bytes = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            if (sink != null) {
                byte[] copy = new byte[n];
                b.get(copy);
                sink.writeBytes(copy);
            } else {
                b.position(b.limit());
            }
            bytes += n;
        }
        // The write is done, then published: a reader woken now finds the whole send finished.
        callback.completed();
        written.addAndGet(bytes);
        wakeWaiter();
    }

    @Override
    public void pauseReading() {
        paused = true;
    }

    @Override
    public void resumeReading() {
        paused = false;
        wakeWaiter();
    }

    @Override
    public void close() {
        closed = true;
        wakeWaiter();
    }

    @Override
    public boolean isSecure() {
        return false;
    }
}
