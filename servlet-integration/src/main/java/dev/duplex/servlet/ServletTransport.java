package dev.duplex.servlet;

import dev.duplex.transport.Pump;
import dev.duplex.transport.ReadBuffers;
import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import dev.duplex.transport.WriteCallback;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Transport} over an upgraded servlet connection, on non-blocking I/O only ({@link ReadListener},
 * {@link WriteListener}, {@code isReady()} honoured, the first write only after the container said it may).
 *
 * <p>Pausing means returning from {@code onDataAvailable} without reading while {@code isReady()} is still true:
 * the bytes wait in the container and the kernel, and TCP pushes back on the peer. The Servlet specification calls
 * {@code onDataAvailable} again only after {@code isReady()} returned false, so resuming means reading again from
 * the thread that resumes, until {@code isReady()} says no more (Undertow, for one, suspends reads until then).
 * One reader at a time: the container's callback and a resuming thread pass ownership of reading through a
 * {@link Pump}, as writers do.
 *
 * <p>Tomcat is the exception ({@link #readsOnlyInCallbacks}): it fills its socket buffer under its own lock before
 * calling the listener, so a read from any other thread races it and corrupts frames. On Tomcat, reading happens only
 * inside its callbacks, which it calls again while bytes wait in the socket; for bytes it already holds, the
 * transport asks its listener to prompt the peer ({@link TransportListener#onResumeNeedsInbound()}), and the
 * peer's answer produces the callback.
 *
 * <p>Writing may happen on any thread: whichever thread "owns" the write direction at the moment (an application
 * thread that sends, or a container thread in {@code onWritePossible}). Ownership passes through an atomic counter;
 * a thread that finds it owned leaves a note and returns, and the owner loops once more. No lock of ours is held
 * while calling the container, and no container thread ever waits (DESIGN.md §3 rule 1).
 */
final class ServletTransport implements Transport, ReadListener, WriteListener {

    private static final System.Logger LOG = System.getLogger(ServletTransport.class.getName());
    private final WebConnection connection;
    private final boolean secure;
    private ServletInputStream in;
    private ServletOutputStream out;
    private TransportListener listener;

    private final Pump writePump = new Pump(this::writeSome);
    private final Pump readPump = new Pump(this::readSome);
    private volatile boolean readsOnlyInCallbacks;
    private final Object readFlags = new Object();
    private boolean paused;
    private boolean unread;
    private volatile boolean writable;
    /** Bytes arrived before the first onWritePossible: read once writing is possible (see onWritePossible). */
    private volatile boolean readWaitsForWritable;
    /** The thread running a container callback of this connection, if any (containers run them one at a time). */
    private volatile Thread callbackThread;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object closeLock = new Object();
    private int callbacks;
    private boolean closeRequested;

    private volatile ByteBuffer[] pending;
    private final java.util.concurrent.atomic.AtomicReference<WriteCallback> pendingCallback =
            new java.util.concurrent.atomic.AtomicReference<>();
    private int pendingIndex;
    private boolean flushed;
    /** The thread inside {@link #readSome}, if any: writes it makes (inline replies) are flushed once, at its end. */
    private volatile Thread readingThread;
    private volatile boolean flushDeferred;

    ServletTransport(WebConnection connection, boolean secure) {
        this.connection = connection;
        this.secure = secure;
    }

    @Override
    public void start(TransportListener listener) {
        this.listener = listener;
        try {
            in = connection.getInputStream();
            out = connection.getOutputStream();
            readsOnlyInCallbacks = readsOnlyInCallbacks(in);
            out.setWriteListener(this);
            in.setReadListener(this);
        } catch (IOException e) {
            end(e);
        }
    }

    // ---------------------------------------------------------------- reading

    @Override
    public void onDataAvailable() {
        enterCallback();
        try {
            if (!writable) {
                // Not before the container has said writing is possible: a message handled now (inline) could
                // not even start its reply, and the container's first onWritePossible reads these bytes.
                readWaitsForWritable = true;
                if (writable && readWaitsForWritable) {
                    readWaitsForWritable = false;
                    readPump.run();
                }
                return;
            }
            readPump.run();
        } finally {
            exitCallback();
        }
    }

    @Override
    public void onAllDataRead() {
        enterCallback();
        try {
            end(null);
        } finally {
            exitCallback();
        }
    }

    @Override
    public void pauseReading() {
        synchronized (readFlags) {
            paused = true;
        }
    }

    @Override
    public void resumeReading() {
        boolean wake;
        synchronized (readFlags) {
            paused = false;
            wake = unread;
            unread = false;
        }
        if (!wake || ended.get()) {
            return;
        }
        if (readsOnlyInCallbacks) {
            listener.onResumeNeedsInbound();
        } else {
            readPump.run();
        }
    }

    /**
     * Tomcat's upgraded streams may be read only on its own callback threads (see the class comment). Known by the
     * stream's class, as Tomcat-based servers (TomEE, Spring Boot's embedded Tomcat) all use it.
     */
    static boolean readsOnlyInCallbacks(ServletInputStream in) {
        return in.getClass().getName().startsWith("org.apache.coyote.");
    }

    /** True (and remembered) when paused: the caller leaves the container's bytes unread. */
    private boolean leaveUnread() {
        synchronized (readFlags) {
            if (paused) {
                unread = true;
            }
            return paused;
        }
    }

    /** Run by {@link #readPump} only: reads while the container has bytes and nobody paused us. */
    private void readSome() {
        byte[] readBuffer = ReadBuffers.take(); // per thread: an idle connection holds none
        readingThread = Thread.currentThread();
        try {
            while (!ended.get() && in.isReady()) {
                if (leaveUnread()) {
                    return;
                }
                int n;
                try {
                    n = in.read(readBuffer);
                } catch (NullPointerException e) {
                    if (inContainerCallback()) {
                        throw e;
                    }
                    // Undertow 2.3, resuming on our own thread: once it has resumed reads, its I/O thread marks the
                    // stream ready before it fills its buffer, and read() then fails on the missing buffer (seen
                    // once in CI). Nothing was consumed; the I/O thread calls onDataAvailable once it is filled.
                    LOG.log(Level.DEBUG, () -> "a resumed read raced the container's own reading; it continues there");
                    return;
                }
                if (n < 0) {
                    end(null);
                    return;
                }
                if (n > 0) {
                    listener.onRead(ByteBuffer.wrap(readBuffer, 0, n));
                }
            }
            if (!ended.get() && in.isFinished()) {
                end(null);
            }
        } catch (IOException | RuntimeException e) {
            end(e);
        } finally {
            readingThread = null;
            ReadBuffers.give(readBuffer);
            if (flushDeferred) {
                writePump.run(); // one flush (one system call) for every reply written during this read
            }
        }
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        if (closed.get() || ended.get()) {
            callback.failed(new IOException("the connection is closed"));
            return;
        }
        pendingIndex = 0;
        flushed = false;
        pending = buffers;
        pendingCallback.set(callback);
        writePump.run();
    }

    @Override
    public void onWritePossible() {
        enterCallback();
        try {
            writable = true;
            writePump.run();
            if (readWaitsForWritable) {
                readWaitsForWritable = false;
                readPump.run();
            }
        } finally {
            exitCallback();
        }
    }

    /** Writes the pending buffers while isReady(); completes the callback once written and flushed. */
    private void writeSome() {
        WriteCallback callback = pendingCallback.get();
        if (!writable) {
            return;
        }
        if (callback == null) {
            flushDeferredWrites();
            return;
        }
        try {
            ByteBuffer[] buffers = pending;
            while (out.isReady()) {
                if (pendingIndex < buffers.length) {
                    writeBuffer(buffers[pendingIndex++]);
                } else if (!flushed) {
                    flushed = true;
                    if (Thread.currentThread() == readingThread) {
                        // The bytes are in the container's buffer; the read callback flushes them as it ends,
                        // together with the replies to the other messages of the same read.
                        flushDeferred = true;
                    } else {
                        flushDeferred = false;
                        out.flush();
                    }
                } else {
                    if (pendingCallback.compareAndSet(callback, null)) {
                        pending = null;
                        callback.completed();
                    }
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (pendingCallback.compareAndSet(callback, null)) {
                pending = null;
                callback.failed(e);
            }
            end(e);
        }
    }

    /** Run by the write pump with no write pending: the flush a read callback left for its end. */
    private void flushDeferredWrites() {
        if (!flushDeferred || Thread.currentThread() == readingThread) {
            return;
        }
        flushDeferred = false;
        try {
            if (out.isReady()) {
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            end(e);
        }
    }

    private void writeBuffer(ByteBuffer b) throws IOException {
        int length = b.remaining();
        if (length == 0) {
            return;
        }
        if (b.hasArray()) {
            out.write(b.array(), b.arrayOffset() + b.position(), length);
        } else {
            byte[] copy = new byte[length];
            b.duplicate().get(copy);
            out.write(copy, 0, length);
        }
        b.position(b.limit());
    }

    // ---------------------------------------------------------------- ending

    @Override
    public void onError(Throwable t) {
        end(t instanceof EOFException ? null : t);
    }

    /** The peer went away (failure null) or I/O failed: tell the listener once. */
    private void end(Throwable failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        // A write waiting for onWritePossible would wait forever once the connection is gone.
        WriteCallback waiting = pendingCallback.getAndSet(null);
        if (waiting != null) {
            pending = null;
            waiting.failed(failure != null ? failure : new java.io.EOFException("the peer closed the connection"));
        }
        if (listener == null) {
            return;
        }
        if (failure == null || closed.get()) {
            listener.onEof();
        } else {
            listener.onError(failure);
        }
    }

    /**
     * Closes the connection. Tomcat closes an upgraded socket only when a container callback ends with both
     * streams closed: a close requested while one of our callbacks runs is therefore done by that callback as it
     * returns; otherwise here (on another thread, Tomcat then closes the socket at the next socket event).
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            closeRequested = true;
            if (callbacks > 0) {
                return;
            }
        }
        closeNow();
    }

    private void enterCallback() {
        synchronized (closeLock) {
            callbacks++;
        }
        callbackThread = Thread.currentThread();
    }

    /** True on the thread of a container callback of this connection that is running now. */
    private boolean inContainerCallback() {
        return callbackThread == Thread.currentThread();
    }

    private void exitCallback() {
        callbackThread = null;
        boolean close;
        synchronized (closeLock) {
            callbacks--;
            close = closeRequested && callbacks == 0;
        }
        if (close) {
            closeNow();
        }
    }

    private void closeNow() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            connection.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "closing the upgraded connection failed: " + e);
        }
    }

    /** The container destroyed the upgrade handler: the connection is gone. */
    void destroyed() {
        closed.set(true);
        end(null);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    /** Nothing is written before the container's first {@code onWritePossible}, after its init call returned. */
    @Override
    public boolean writesBeforeStartReturns() {
        return false;
    }
}
