package dev.duplex.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

/**
 * The only I/O SPI under a WebSocket connection: a byte pipe that the container (servlet upgrade, client socket,
 * in-memory loopback) provides.
 *
 * <p>Threads: {@link #write} may be called from any thread, but at most one write is outstanding at a time (the
 * caller waits for its {@link WriteCallback} before the next). {@link #pauseReading()} and
 * {@link #resumeReading()} may be called from any thread. None of these methods blocks: a write that cannot go out
 * now completes later, from whatever thread the transport uses for I/O.
 */
public interface Transport {

    /** Starts delivering inbound events to {@code listener}. Called once, before anything else. */
    void start(TransportListener listener);

    /**
     * Writes the remaining bytes of every buffer, in order. The buffers belong to the transport until the callback
     * runs. The callback may run on the calling thread before this method returns, or later on an I/O thread.
     */
    void write(ByteBuffer[] buffers, WriteCallback callback);

    /** Stops delivering inbound data until {@link #resumeReading()}; the peer then feels TCP back-pressure. */
    void pauseReading();

    /** Resumes delivering inbound data after {@link #pauseReading()}. */
    void resumeReading();

    /** Closes the connection after the outstanding write, if any. Idempotent. */
    void close();

    /** True when the bytes travel over TLS. */
    boolean isSecure();

    /**
     * True when a write may reach the network while the thread that opens the connection (the container's, calling
     * {@link #start}) has not yet returned to the container; false when the container must first call back, as
     * servlet non-blocking output does with its first {@code onWritePossible}. With inline dispatch, {@code onOpen}
     * runs on the opening thread only when this is true: an {@code onOpen} that sends and then waits for the peer's
     * answer would otherwise wait for ever.
     */
    default boolean writesBeforeStartReturns() {
        return true;
    }

    /**
     * Where this connection's callbacks run when they are not run inline: {@code pool}, Duplex's callback pool, or
     * an executor of the container's whose threads may block (Undertow's worker threads, which serve its servlet
     * requests), so that dispatch creates no threads of Duplex's. Called once, before {@link #start}; the returned
     * executor must accept tasks until the connection has ended (falling back to {@code pool} otherwise).
     */
    default Executor callbackExecutor(Executor pool) {
        return pool;
    }

    /**
     * With inline dispatch: whether a message's callback may run now on the reading thread (the one calling
     * {@link TransportListener#onRead}); false sends it to the {@link #callbackExecutor} instead. A transport whose
     * reading thread serves many connections says false once callbacks were seen to block it. Called on the reading
     * thread, once per message; cheap.
     */
    default boolean inlineCallbacks() {
        return true;
    }
}
