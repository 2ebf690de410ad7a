package dev.duplex.jetty;

import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import dev.duplex.transport.WriteCallback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritePendingException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;

/**
 * Duplex's {@link Transport} over a {@link JettyConnection}: reading is the connection's (its demand state machine);
 * writing and closing are here. A separate object because {@link Transport#close()} (after the outstanding write)
 * and Jetty's {@code Connection.close()} (at once, e.g. when the server stops) mean different things.
 *
 * <p>Writes go straight to {@code EndPoint.write}, one outstanding; the completion runs inline or later on a Jetty
 * pool thread (a blocking-type {@link Callback}, so never on a selector thread). Write side states, as flags:
 * <pre>
 *   0 ──write──▶ WRITING ──completed/failed──▶ 0
 *   close() sets CLOSE_REQUESTED (later writes fail); once no write is outstanding: CLOSED, exactly once
 *   (shut the output down, close the endpoint)
 * </pre>
 * Threads: any; nothing blocks.
 */
final class JettyTransport implements Transport {

    private static final int WRITING = 1;
    private static final int CLOSE_REQUESTED = 2;
    private static final int CLOSED = 4;

    private final JettyConnection connection;
    private final boolean secure;
    private final AtomicInteger state = new AtomicInteger();

    JettyTransport(JettyConnection connection, boolean secure) {
        this.connection = connection;
        this.secure = secure;
    }

    @Override
    public void start(TransportListener listener) {
        connection.listen(listener);
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        while (true) {
            int s = state.get();
            if ((s & (CLOSE_REQUESTED | CLOSED)) != 0) {
                callback.failed(new IOException("the connection is closed"));
                return;
            }
            if ((s & WRITING) != 0) {
                callback.failed(new WritePendingException()); // the caller broke the one-write rule
                return;
            }
            if (state.compareAndSet(s, s | WRITING)) {
                break;
            }
        }
        Callback completion = new Callback() {
            @Override
            public void succeeded() {
                state.getAndUpdate(v -> v & ~WRITING);
                callback.completed();
                closeIfRequested();
            }

            @Override
            public void failed(Throwable failure) {
                state.getAndUpdate(v -> v & ~WRITING);
                callback.failed(failure);
                connection.fail(failure);
                closeIfRequested();
            }
        };
        try {
            connection.getEndPoint().write(completion, buffers);
        } catch (RuntimeException e) {
            completion.failed(e);
        }
    }

    @Override
    public void pauseReading() {
        connection.pause();
    }

    @Override
    public void resumeReading() {
        connection.resume();
    }

    @Override
    public void close() {
        state.getAndUpdate(v -> v | CLOSE_REQUESTED);
        closeIfRequested();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    /** True once we closed the endpoint: what follows is end-of-file, not a failure. */
    boolean closedByUs() {
        return (state.get() & CLOSED) != 0;
    }

    private void closeIfRequested() {
        while (true) {
            int s = state.get();
            if ((s & CLOSE_REQUESTED) == 0 || (s & (WRITING | CLOSED)) != 0) {
                return;
            }
            if (state.compareAndSet(s, s | CLOSED)) {
                break;
            }
        }
        EndPoint endPoint = connection.getEndPoint();
        endPoint.shutdownOutput();
        endPoint.close();
    }
}
