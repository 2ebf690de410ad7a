package dev.duplex.undertow;

import dev.duplex.servlet.UpgradeHandover;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.HttpUpgradeListener;
import io.undertow.servlet.spec.HttpServletRequestImpl;
import io.undertow.util.AttachmentKey;
import jakarta.servlet.ServletRequest;
import java.lang.System.Logger.Level;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;

/**
 * The upgrade listener that {@link UndertowConnectionUpgrader} gives the handshake's exchange
 * ({@code HttpServerExchange.upgradeChannel}). Undertow sends the 101 (status and headers set on the servlet
 * response, plus its own {@code Connection: Upgrade}) when the request ends, flushes it, and then calls
 * {@link #handleUpgrade} with the raw XNIO connection: on the thread that ended the exchange (a worker thread for
 * a servlet request), or on the connection's I/O thread when the 101 had to wait for the socket. Bytes the client
 * sent after its request head are already behind the connection's source channel (Undertow's
 * {@code ReadDataStreamSourceConduit}).
 *
 * <p>Undertow keeps the listener for the connection's whole life (its HTTP connection object refers to it), so there
 * is one, shared, holding nothing: the handover waits in an attachment of the exchange, which is let go after the
 * upgrade, and is taken out of it once used. Nothing of the exchange, request or response is kept.
 *
 * <p>Loading this class links Undertow's classes: only {@link UndertowConnectionUpgrader} touches it, after
 * checking that they are visible. Threads: {@link #offer} on the request's thread, {@link #handleUpgrade} once, on
 * Undertow's; neither blocks.
 */
final class UndertowUpgrade implements HttpUpgradeListener {

    private static final System.Logger LOG = System.getLogger(UndertowUpgrade.class.getName());
    private static final AttachmentKey<UpgradeHandover> HANDOVER = AttachmentKey.create(UpgradeHandover.class);
    private static final UndertowUpgrade LISTENER = new UndertowUpgrade();

    private UndertowUpgrade() {
    }

    /**
     * Arranges for the exchange of {@code request} (Undertow's own servlet request) to be upgraded once its
     * response (the 101) is written; returns false, changing nothing, when Undertow cannot upgrade it.
     */
    static boolean offer(ServletRequest request, UpgradeHandover handover) {
        HttpServerExchange exchange = ((HttpServletRequestImpl) request).getExchange();
        try {
            exchange.upgradeChannel(LISTENER);
        } catch (IllegalStateException e) {
            // a connection that cannot be upgraded (not HTTP/1.x), or no Upgrade header: checked before any change
            LOG.log(Level.DEBUG, () -> "Undertow cannot upgrade " + exchange.getRequestURI() + ": " + e);
            return false;
        }
        exchange.putAttachment(HANDOVER, handover);
        return true;
    }

    @Override
    public void handleUpgrade(StreamConnection connection, HttpServerExchange exchange) {
        UpgradeHandover h = exchange.removeAttachment(HANDOVER); // its hook holds the HTTP session
        if (h == null) {
            IoUtils.safeClose(connection);
            return;
        }
        UndertowTransport transport = new UndertowTransport(connection, h.secure());
        // Undertow's HTTP connection tells its close listeners when the socket closes, whoever closes it
        exchange.getConnection().addCloseListener(transport);
        try {
            h.open(transport);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "Duplex could not open the WebSocket session on " + connection.getPeerAddress(), e);
            IoUtils.safeClose(connection);
        }
    }
}
