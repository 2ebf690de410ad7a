package dev.duplex.servlet;

import dev.duplex.server.PendingSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import jakarta.websocket.Session;
import java.util.function.Consumer;

/**
 * The {@link HttpUpgradeHandler} the container creates for an accepted handshake. The filter hands it the pending
 * session right after {@code request.upgrade()} returns; {@code init} runs afterwards (on the request thread in
 * Tomcat, a worker in Undertow) and starts the session on a {@link ServletTransport}.
 */
public final class DuplexUpgradeHandler implements HttpUpgradeHandler {

    private volatile PendingSession pending;
    private volatile boolean secure;
    private volatile Consumer<Session> opened;
    private volatile ServletTransport transport;

    /** Called by the filter, before {@code init}; {@code opened} learns of the session once it starts. */
    void prepare(PendingSession pending, boolean secure, Consumer<Session> opened) {
        this.pending = pending;
        this.secure = secure;
        this.opened = opened;
    }

    @Override
    public void init(WebConnection connection) {
        PendingSession session = pending;
        pending = null;
        if (session == null) {
            throw new IllegalStateException("upgrade handler initialised without a pending WebSocket session");
        }
        ServletTransport t = new ServletTransport(connection, secure);
        transport = t;
        Session started = session.open(t);
        Consumer<Session> hook = opened;
        opened = null; // it holds the HTTP session: not for the connection's whole life
        if (hook != null) {
            hook.accept(started);
        }
    }

    @Override
    public void destroy() {
        ServletTransport t = transport;
        if (t != null) {
            t.destroyed();
        }
    }
}
