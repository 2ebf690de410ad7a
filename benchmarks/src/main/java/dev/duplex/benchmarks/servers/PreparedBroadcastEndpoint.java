package dev.duplex.benchmarks.servers;

import dev.duplex.session.PreparedMessage;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Duplex's {@code /broadcast}: the same contract as {@link BroadcastEndpoint}, through Duplex's encode-once API
 * ({@link PreparedMessage}): the message is encoded and framed once, and the same frame bytes are queued on every
 * session, each under its own outbound budget. Served by the Duplex servers only.
 */
@ServerEndpoint("/broadcast")
public class PreparedBroadcastEndpoint {

    private static final SendHandler IGNORE = result -> { };

    @OnOpen
    public void open(Session session) {
        session.setMaxIdleTimeout(0);
    }

    @OnMessage
    public void text(Session session, String message) {
        PreparedMessage.text(message).sendTo(session.getOpenSessions(), IGNORE);
    }
}
