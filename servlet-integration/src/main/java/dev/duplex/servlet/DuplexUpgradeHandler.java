package dev.duplex.servlet;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

/**
 * The {@link HttpUpgradeHandler} the container creates for an accepted handshake. The filter hands it the pending
 * session right after {@code request.upgrade()} returns; {@code init} runs afterwards (on the request thread in
 * Tomcat, a worker in Undertow) and starts the session on a {@link ServletTransport}.
 */
public final class DuplexUpgradeHandler implements HttpUpgradeHandler {

    private volatile UpgradeHandover handover;
    private volatile ServletTransport transport;

    /** Called by the filter, before {@code init}. */
    void prepare(UpgradeHandover handover) {
        this.handover = handover;
    }

    @Override
    public void init(WebConnection connection) {
        UpgradeHandover h = handover;
        handover = null; // its hook holds the HTTP session: not for the connection's whole life
        if (h == null) {
            throw new IllegalStateException("upgrade handler initialised without a pending WebSocket session");
        }
        ServletTransport t = new ServletTransport(connection, h.secure());
        transport = t;
        h.open(t);
    }

    @Override
    public void destroy() {
        ServletTransport t = transport;
        if (t != null) {
            t.destroyed();
        }
    }
}
