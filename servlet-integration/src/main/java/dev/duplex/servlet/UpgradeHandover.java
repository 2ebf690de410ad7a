package dev.duplex.servlet;

import dev.duplex.server.PendingSession;
import dev.duplex.transport.Transport;
import jakarta.websocket.Session;
import java.util.function.Consumer;

/**
 * What an upgrade handler needs from the request that accepted the handshake, until the container initialises it:
 * the pending session, whether the request was secure, and the hook that learns of the opened session. Handed
 * over once: {@link #open} starts the session and lets go of the hook (it holds the HTTP session).
 *
 * <p>Threads: created on the request's thread, opened on the container's (a safe hand-off through the container,
 * which initialises the handler after the request returns).
 */
public final class UpgradeHandover {

    private final PendingSession pending;
    private final boolean secure;
    private Consumer<Session> opened;

    public UpgradeHandover(PendingSession pending, boolean secure, Consumer<Session> opened) {
        this.pending = pending;
        this.secure = secure;
        this.opened = opened;
    }

    /** True when the handshake request came over TLS. */
    public boolean secure() {
        return secure;
    }

    /** Opens the session on {@code transport} and tells the hook, if any; call once. */
    public Session open(Transport transport) {
        Session started = pending.open(transport);
        Consumer<Session> hook = opened;
        opened = null;
        if (hook != null) {
            hook.accept(started);
        }
        return started;
    }
}
