package dev.duplex.core;

import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import dev.duplex.transport.WriteCallback;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A transport double below the transport line: the test injects inbound bytes and reads back everything written.
 * Writes complete at once unless {@link #stall(boolean)} holds them; then {@link #releaseOne()} completes one.
 */
final class FakeTransport implements Transport {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final ArrayDeque<WriteCallback> held = new ArrayDeque<>();
    private TransportListener listener;
    private boolean stalled;
    private int writes;
    private int pauses;
    private int resumes;
    private volatile boolean paused;
    private volatile boolean closed;
    /** What {@link #writesBeforeStartReturns()} answers. */
    volatile boolean writesBeforeStart = true;

    @Override
    public void start(TransportListener listener) {
        this.listener = listener;
    }

    @Override
    public boolean writesBeforeStartReturns() {
        return writesBeforeStart;
    }

    void inject(byte[] bytes) {
        listener.onRead(ByteBuffer.wrap(bytes.clone()));
    }

    void eof() {
        listener.onEof();
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        synchronized (this) {
            writes++;
            for (ByteBuffer b : buffers) {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                written.write(bytes, 0, bytes.length);
            }
            if (stalled) {
                held.add(callback);
                notifyAll();
                return;
            }
            notifyAll();
        }
        callback.completed();
    }

    synchronized int writes() {
        return writes;
    }

    synchronized void stall(boolean on) {
        stalled = on;
    }

    void releaseOne() {
        WriteCallback cb;
        synchronized (this) {
            cb = held.poll();
        }
        if (cb != null) {
            cb.completed();
        }
    }

    synchronized byte[] written() {
        return written.toByteArray();
    }

    /** Waits until at least {@code n} bytes were written (bounded wait; fails the test on timeout). */
    synchronized byte[] awaitWritten(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (written.size() < n && System.currentTimeMillis() < deadline) {
            wait(100);
        }
        return written.toByteArray();
    }

    @Override
    public synchronized void pauseReading() {
        paused = true;
        pauses++;
    }

    @Override
    public synchronized void resumeReading() {
        paused = false;
        resumes++;
        notifyAll();
    }

    boolean paused() {
        return paused;
    }

    synchronized int pauses() {
        return pauses;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }

    boolean isClosed() {
        return closed;
    }

    synchronized boolean awaitClosed() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!closed && System.currentTimeMillis() < deadline) {
            wait(100);
        }
        return closed;
    }

    @Override
    public boolean isSecure() {
        return false;
    }
}
