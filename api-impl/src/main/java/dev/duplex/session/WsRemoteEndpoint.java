package dev.duplex.session;

import dev.duplex.core.SendCallback;
import dev.duplex.core.SerialExecutor;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What the basic and async remote endpoints share: batching flags, ping/pong, and the blocking send used by the
 * basic endpoint. Threads: any; sends from many threads queue in order (DESIGN.md §3 rule 3).
 */
abstract class WsRemoteEndpoint implements RemoteEndpoint {

    static final int MAX_CONTROL_PAYLOAD = 125;

    final WsSession session;
    private volatile boolean batchingAllowed;

    WsRemoteEndpoint(WsSession session) {
        this.session = session;
    }

    @Override
    public void setBatchingAllowed(boolean allowed) throws IOException {
        batchingAllowed = allowed;
        session.connection().setBatching(allowed);
    }

    @Override
    public boolean getBatchingAllowed() {
        return batchingAllowed;
    }

    @Override
    public void flushBatch() throws IOException {
        session.connection().flush();
    }

    @Override
    public void sendPing(ByteBuffer applicationData) throws IOException {
        ByteBuffer data = controlPayload(applicationData, "ping");
        sendBlocking(data.remaining(), cb -> session.connection().sendPing(data, cb));
        consumed(applicationData);
    }

    @Override
    public void sendPong(ByteBuffer applicationData) throws IOException {
        ByteBuffer data = controlPayload(applicationData, "pong");
        sendBlocking(data.remaining(), cb -> session.connection().sendPong(data, cb));
        consumed(applicationData);
    }

    /** After a successful send the application's buffer is consumed: position = limit (2.2 javadoc). */
    static void consumed(ByteBuffer data) {
        if (data != null) {
            data.position(data.limit());
        }
    }

    private static ByteBuffer controlPayload(ByteBuffer data, String what) {
        if (data == null) {
            return ByteBuffer.allocate(0);
        }
        if (data.remaining() > MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("a " + what + " carries at most " + MAX_CONTROL_PAYLOAD
                    + " bytes of application data, this one has " + data.remaining() + " (RFC 6455 §5.5)");
        }
        return payload(data);
    }

    /**
     * The bytes to queue for a blocking send of the application's buffer. On a thread that must not wait for the
     * write (inline dispatch), the send returns before the bytes are written, and the application may then reuse
     * its buffer: those sends queue a copy.
     */
    static ByteBuffer payload(ByteBuffer data) {
        if (!SerialExecutor.inlineOnThisThread()) {
            return data.duplicate();
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate());
        return copy.flip();
    }

    /**
     * A blocking send inside a callback that runs inline on the container's I/O thread (duplex.dispatch=inline):
     * waiting there for the write would hang the connection, whose write completes only on that thread (DESIGN.md
     * §3 rule 1). So the send returns once its bytes are queued, in order, within the outbound budget; a failure
     * to write them later fails the session (onError, onClose). Without room in the budget, the overflow policy
     * applies at once, as for an async send.
     */
    private void queueWithoutWaiting(long bytes, Consumer<SendCallback> send) throws IOException {
        if (!session.connection().hasSendRoom(bytes)) {
            long limit = session.connection().config().outboundLimit();
            String why = "session " + session.getId() + ": cannot queue " + bytes + " more bytes: "
                    + session.connection().queuedBytes() + " bytes are already waiting for a slow peer (outbound limit "
                    + limit + " bytes, key duplex.outboundLimitBytes), and a blocking send inside a callback on the"
                    + " container's I/O thread cannot wait for room (key duplex.dispatch=inline)";
            if (session.closeOnOverflow()) {
                session.connection().close(dev.duplex.frame.CloseCodes.POLICY_VIOLATION,
                        "Too slow: outbound limit of " + limit + " bytes exceeded");
            }
            throw new IOException(why);
        }
        SendFuture future = new SendFuture();
        send.accept(future);
        if (future.isCompletedExceptionally()) {
            try {
                future.join();
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
            }
        }
    }

    /**
     * Waits for room in the outbound budget, queues the send, and waits for it to be written, each wait bounded by
     * the send timeout. Runs on an application thread (never a container I/O thread: DESIGN.md §3 rule 1).
     */
    void sendBlocking(long bytes, Consumer<SendCallback> send) throws IOException {
        if (SerialExecutor.inlineOnThisThread()) {
            queueWithoutWaiting(bytes, send);
            return;
        }
        long timeout = session.sendTimeoutMillis();
        try {
            if (!session.connection().awaitSendRoom(bytes, timeout)) {
                throw new SocketTimeoutException("session " + session.getId() + ": no room to send " + bytes
                        + " bytes within " + timeout + " ms: " + session.connection().queuedBytes()
                        + " bytes are still queued for a peer that is not reading (limit "
                        + session.connection().config().outboundLimit() + ")");
            }
            SendFuture future = new SendFuture();
            send.accept(future);
            if (timeout > 0) {
                future.get(timeout, TimeUnit.MILLISECONDS);
            } else {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending on session " + session.getId());
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("session " + session.getId() + ": a send of " + bytes
                    + " bytes did not complete within " + timeout + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        }
    }
}
