package dev.duplex.client;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The application's client endpoint as its session runs it, plus two signals for the container: "onOpen has
 * returned" (so {@code connectToServer} returns a session whose {@code onOpen} has run, as other implementations
 * do) and "onClose has run" (so the container knows which sessions are still open).
 *
 * <p>Threads: the endpoint methods on the session's dispatcher; {@link #awaitOpen} on the connecting thread;
 * {@link #abandon} from any thread.
 */
final class TrackingEndpoint extends Endpoint {

    private final Endpoint delegate;
    private final Consumer<Session> closed;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();

    TrackingEndpoint(Endpoint delegate, Consumer<Session> closed) {
        this.delegate = delegate;
        this.closed = closed;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            delegate.onOpen(session, config);
        } finally {
            opened.complete(null);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        try {
            delegate.onClose(session, closeReason);
        } finally {
            opened.complete(null);
            closed.accept(session);
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        delegate.onError(session, failure);
    }

    /** Blocks until the endpoint's {@code onOpen} has returned (or the container gave up on it). */
    void awaitOpen() throws IOException {
        try {
            opened.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the endpoint's onOpen");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Releases a thread in {@link #awaitOpen} when the container shuts down first. */
    void abandon(IOException reason) {
        opened.completeExceptionally(reason);
    }
}
