package dev.duplex.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * An in-memory transport pair for tests: what one end writes, the other end reads. Each end delivers its inbound
 * events on its own serial {@link Executor}, one at a time, honouring pause/resume; writes complete once the bytes
 * are queued at the peer (an unbounded in-memory pipe, so tests of back-pressure must pause the reader).
 *
 * <p>Threads: any method may be called from any thread.
 */
public final class LoopbackTransport implements Transport {

    private final Object lock = new Object();
    private final Executor deliveryExecutor;
    private final ArrayDeque<ByteBuffer> inbound = new ArrayDeque<>();
    private LoopbackTransport peer;
    private TransportListener listener;
    private boolean paused;
    private boolean delivering;
    private boolean eofPending;
    private boolean eofDelivered;
    private boolean closed;
    private long bytesWritten;

    private LoopbackTransport(Executor deliveryExecutor) {
        this.deliveryExecutor = deliveryExecutor;
    }

    /** Two connected ends, each delivering on its own executor (use a single-thread executor per end). */
    public static LoopbackTransport[] pair(Executor firstDelivery, Executor secondDelivery) {
        LoopbackTransport a = new LoopbackTransport(firstDelivery);
        LoopbackTransport b = new LoopbackTransport(secondDelivery);
        a.peer = b;
        b.peer = a;
        return new LoopbackTransport[] {a, b};
    }

    @Override
    public void start(TransportListener listener) {
        synchronized (lock) {
            this.listener = listener;
        }
        scheduleDelivery();
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        int total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        ByteBuffer copy = ByteBuffer.allocate(total);
        for (ByteBuffer b : buffers) {
            copy.put(b);
        }
        copy.flip();
        boolean ok;
        synchronized (lock) {
            ok = !closed;
            if (ok) {
                bytesWritten += total;
            }
        }
        if (!ok || !peer.offer(copy)) {
            callback.failed(new IOException("loopback transport is closed"));
            return;
        }
        callback.completed();
    }

    /** Bytes written by this end so far. */
    public long bytesWritten() {
        synchronized (lock) {
            return bytesWritten;
        }
    }

    private boolean offer(ByteBuffer data) {
        synchronized (lock) {
            if (eofPending || eofDelivered) {
                return false;
            }
            inbound.add(data);
        }
        scheduleDelivery();
        return true;
    }

    private void offerEof() {
        synchronized (lock) {
            eofPending = true;
        }
        scheduleDelivery();
    }

    private void scheduleDelivery() {
        synchronized (lock) {
            if (delivering || listener == null || paused || (inbound.isEmpty() && (!eofPending || eofDelivered))) {
                return;
            }
            delivering = true;
        }
        deliveryExecutor.execute(this::deliver);
    }

    private void deliver() {
        for (;;) {
            ByteBuffer next;
            boolean eof = false;
            synchronized (lock) {
                next = paused ? null : inbound.poll();
                if (next == null) {
                    if (!paused && eofPending && !eofDelivered) {
                        eofDelivered = true;
                        eof = true;
                    } else {
                        delivering = false;
                        return;
                    }
                }
            }
            if (eof) {
                listener.onEof();
            } else {
                listener.onRead(next);
            }
        }
    }

    @Override
    public void pauseReading() {
        synchronized (lock) {
            paused = true;
        }
    }

    @Override
    public void resumeReading() {
        synchronized (lock) {
            paused = false;
        }
        scheduleDelivery();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        peer.offerEof();
        offerEof();
    }

    /** True once {@link #close()} was called on this end. */
    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    @Override
    public boolean isSecure() {
        return false;
    }
}
