package dev.duplex.jetty;

import dev.duplex.server.PendingSession;
import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.server.Connector;

/**
 * The Jetty {@link Connection} that replaces Jetty's HTTP/1.1 connection once the 101 is written; Duplex sees it
 * through its {@link JettyTransport}. Jetty calls {@link #onUpgradeTo} (bytes the client sent along with its
 * request, if any) and then {@link #onOpen()}, on the thread that completed the 101. Only then is the session
 * opened ({@code pending.open}, as {@code HttpUpgradeHandler.init} does on the standard path): nothing is read or
 * written before the 101 is out, and a handshake whose 101 never goes out opens no session. Jetty's idle timeout is
 * switched off on the endpoint (Duplex runs its own). No thread of ours ever blocks.
 *
 * <p><b>Reading</b> is demand-driven. Whoever moves {@code demand} to FILLING owns the read side and is the only
 * thread that calls the listener, so listener calls never overlap:
 * <pre>
 *   IDLE ──resume (or open() returned)──▶ INTERESTED ──Jetty: onFillable──▶ FILLING ──fill() == 0──▶ INTERESTED
 *   IDLE ──early bytes, or an ending to deliver──▶ FILLING, on a pool thread
 *   FILLING ──paused: the owner stops before its next fill──▶ IDLE
 *   FILLING ──resume (from another thread)──▶ RECHECK: the owner looks again before leaving
 *   INTERESTED ──the endpoint closed──▶ FILLING (Jetty fails the fill interest; or, for an interest registered
 *                                       after the close, onClose takes the read side over)
 *   FILLING ──an ending recorded (EOF, I/O error, endpoint closed)──▶ DONE, after one onEof or onError
 * </pre>
 * Pausing is a flag that the owner reads before each {@code fill}: the bytes stay in the kernel and TCP pushes back
 * on the peer. Resuming registers fill interest (or leaves a RECHECK note for a running owner), so this transport
 * never needs {@link TransportListener#onResumeNeedsInbound()}. Endings recorded from other threads (Jetty closed
 * the endpoint, a write failed) reach the listener through the same owner, on a pool thread, never inline in a
 * {@link Transport} call.
 */
final class JettyConnection extends AbstractConnection implements Connection.UpgradeTo {

    private static final System.Logger LOG = System.getLogger(JettyConnection.class.getName());
    private static final int READ_BUFFER = 8192;

    private static final int IDLE = 0;
    private static final int INTERESTED = 1;
    private static final int FILLING = 2;
    private static final int RECHECK = 3;
    private static final int DONE = 4;

    /** Recorded ending meaning end-of-file (the peer closed, or we did). */
    private static final Object EOF = new Object();

    private final JettyTransport transport;
    /** The Jetty selector of the endpoint, woken once more when it closes (see onClose); null if none was found. */
    private final ManagedSelector selector;
    private PendingSession pending;
    private Consumer<Session> opened;

    private final AtomicInteger demand = new AtomicInteger(IDLE);
    /** Set once {@code pending.open} returned; nothing is read before. */
    private volatile boolean ready;
    private volatile boolean paused;
    private final AtomicReference<Object> end = new AtomicReference<>();
    private volatile TransportListener listener;
    /** Bytes that came with the request head; handed over before the first fill. Owner of the read side only. */
    private volatile ByteBuffer early;
    private ByteBuffer readBuffer;

    JettyConnection(EndPoint endPoint, Executor executor, Connector connector, boolean secure, PendingSession pending,
            Consumer<Session> opened) {
        super(endPoint, executor);
        this.selector = selectorOf(connector, endPoint);
        this.transport = new JettyTransport(this, secure);
        this.pending = pending;
        this.opened = opened;
    }

    /** The Duplex side of this connection. */
    Transport transport() {
        return transport;
    }

    // ---------------------------------------------------------------- Jetty's calls

    /** Before {@link #onOpen()}, on the upgrading thread: the client's bytes that followed its request head. */
    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer).flip();
        early = copy;
    }

    /** The 101 is written and this connection is the endpoint's: open the session (which starts reading). */
    @Override
    public void onOpen() {
        super.onOpen();
        getEndPoint().setIdleTimeout(0);
        PendingSession p = pending;
        Consumer<Session> hook = opened;
        pending = null;
        opened = null;
        Session session;
        try {
            session = p.open(transport);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "Duplex could not open the WebSocket session on " + getEndPoint(), e);
            getEndPoint().close(e);
            return;
        } finally {
            // Read only once open() returned: it queues the endpoint's onOpen after starting the transport, and
            // a message read before that would reach the endpoint before its onOpen (and its handlers).
            ready = true;
            wake();
        }
        if (hook != null) {
            try {
                hook.accept(session);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "session " + session.getId() + ": the open hook failed", e);
            }
        }
    }

    /** A Jetty pool thread: bytes (or an ending) are ready; we were INTERESTED (unless an ending took over). */
    @Override
    public void onFillable() {
        if (demand.compareAndSet(INTERESTED, FILLING)) {
            fillLoop();
        }
    }

    /**
     * The fill interest failed, usually because the endpoint closed (maybe inside our own {@code close()}): the
     * interest is gone, so take the read side over and deliver the ending from a pool thread. Public: Jetty 12.1
     * made it so (12.0: protected).
     */
    @Override
    public void onFillInterestedFailed(Throwable cause) {
        fail(cause);
        if (demand.compareAndSet(INTERESTED, FILLING)) {
            runLoopElsewhere();
        } else {
            wake();
        }
    }

    /** Duplex keeps its own idle and ping timers; Jetty's timeout is off (see onOpen), and never closes us. */
    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        return false;
    }

    /** The endpoint closed, for whatever reason; may run on a selector thread, so it only records and wakes. */
    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        recordEnd(cause == null ? new IOException("Jetty closed the connection") : cause);
        wake();
        ManagedSelector s = selector;
        if (s != null) {
            // Jetty's selector keeps the key it selected last (its SelectorProducer's cursor) until its next
            // select() returns, and that key's endpoint keeps its last connection: this one, whose class is the web
            // application's. When the endpoint closed while the selector was busy, nothing wakes it, and on a quiet
            // server the application's class loader stays reachable after an undeploy, until the next I/O there.
            // This update runs before the next select (waking the selector if it is in one) and makes that select
            // return at once; the channel is closed, so its key is not selected again and the cursor lets it go.
            s.submit(Selector::wakeup);
        }
    }

    /**
     * Finds the Jetty selector that serves {@code endPoint} (for TLS, the network endpoint under it) among those of
     * {@code connector}, or null: not a selector-based connector.
     */
    private static ManagedSelector selectorOf(Connector connector, EndPoint endPoint) {
        EndPoint network = endPoint;
        for (int depth = 0; depth < 4 && network instanceof EndPoint.Wrapper wrapper
                && !(network instanceof SelectableChannelEndPoint); depth++) {
            network = wrapper.unwrap();
        }
        if (!(network instanceof SelectableChannelEndPoint selectable) || connector == null) {
            return null;
        }
        SelectableChannel channel = selectable.getChannel();
        for (ManagedSelector candidate : connector.getContainedBeans(ManagedSelector.class)) {
            Selector nio = candidate.getSelector();
            if (nio != null && channel.keyFor(nio) != null) {
                return candidate;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- reading (the owner of the read side)

    /** Runs while this thread owns the read side (demand FILLING or RECHECK); returns after giving it up. */
    private void fillLoop() {
        while (true) {
            Object ending = end.get();
            if (ending != null) {
                demand.set(DONE);
                deliverEnd(ending);
                return;
            }
            if (paused) {
                if (demand.compareAndSet(FILLING, IDLE)) {
                    return;
                }
                demand.set(FILLING); // a resume left a RECHECK note: look again
                continue;
            }
            ByteBuffer data = early;
            int n;
            try {
                if (data != null) {
                    early = null;
                    n = data.remaining();
                } else {
                    data = readBuffer();
                    n = getEndPoint().fill(data);
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
                continue;
            }
            if (n > 0) {
                deliver(data);
            } else if (n < 0) {
                end.compareAndSet(null, EOF);
            } else if (demand.compareAndSet(FILLING, INTERESTED)) {
                fillInterested(); // onFillable, or onFillInterestedFailed when the endpoint closes
                return;
            } else {
                demand.set(FILLING); // RECHECK: a resume or an ending came meanwhile; look again
            }
        }
    }

    private ByteBuffer readBuffer() {
        ByteBuffer b = readBuffer;
        if (b == null) {
            b = ByteBuffer.allocate(READ_BUFFER);
            readBuffer = b;
        }
        b.clear().limit(0); // Jetty fills between limit and capacity
        return b;
    }

    private void deliver(ByteBuffer data) {
        try {
            listener.onRead(data);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Duplex failed while reading from " + getEndPoint(), e);
            fail(e);
        }
    }

    private void deliverEnd(Object ending) {
        readBuffer = null;
        TransportListener l = listener;
        if (l == null) {
            return;
        }
        try {
            if (ending == EOF) {
                l.onEof();
            } else {
                l.onError((Throwable) ending);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Duplex failed while ending the connection " + getEndPoint(), e);
        }
    }

    /** Records the first ending; after our own close every ending is a plain end-of-file. */
    private void recordEnd(Throwable cause) {
        end.compareAndSet(null, transport.closedByUs() ? EOF : cause);
    }

    /** I/O failed: record it and close the endpoint (which wakes a pending fill interest). Any thread. */
    void fail(Throwable cause) {
        recordEnd(cause);
        getEndPoint().close(cause);
    }

    // ---------------------------------------------------------------- the transport's calls (any thread)

    /** Inside {@code pending.open}; reading starts when that returns (see onOpen). */
    void listen(TransportListener l) {
        listener = l;
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
        wake();
    }

    /** Asks for reading (or for an ending to be delivered), from any thread; never calls the listener inline. */
    private void wake() {
        if (!ready) {
            return;
        }
        while (true) {
            int s = demand.get();
            if (s == IDLE) {
                boolean ending = end.get() != null;
                if (paused && !ending) {
                    return;
                }
                if (!ending && early == null) {
                    if (demand.compareAndSet(IDLE, INTERESTED)) {
                        fillInterested();
                        return;
                    }
                } else if (demand.compareAndSet(IDLE, FILLING)) {
                    runLoopElsewhere();
                    return;
                }
            } else if (s == FILLING) {
                if (demand.compareAndSet(FILLING, RECHECK)) {
                    return;
                }
            } else if (s == INTERESTED) {
                // Jetty fails the fill interest when the endpoint closes, but not one registered just after:
                // once closed, take the read side over (onFillable then finds it taken).
                if (end.get() == null || getEndPoint().isOpen()) {
                    return;
                }
                if (demand.compareAndSet(INTERESTED, FILLING)) {
                    runLoopElsewhere();
                    return;
                }
            } else {
                return; // RECHECK: the owner will look; DONE: nothing to do
            }
        }
    }

    private void runLoopElsewhere() {
        try {
            getExecutor().execute(this::fillLoop);
        } catch (RejectedExecutionException e) {
            fillLoop(); // the server is stopping: deliver here rather than never
        }
    }
}
