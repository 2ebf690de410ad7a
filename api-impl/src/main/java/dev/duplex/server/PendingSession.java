package dev.duplex.server;

import dev.duplex.transport.Transport;
import jakarta.websocket.Session;

/**
 * A handshake that was accepted and now waits for its upgraded connection. The hosting container calls
 * {@link #open} once, from the thread that completes the upgrade, when the transport is ready.
 */
public interface PendingSession {

    /** Starts the session on {@code transport} ({@code onOpen} runs on the session's dispatcher) and returns it. */
    Session open(Transport transport);
}
