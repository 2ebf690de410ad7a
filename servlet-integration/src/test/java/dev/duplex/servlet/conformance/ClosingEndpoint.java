package dev.duplex.servlet.conformance;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/**
 * Echoes text, except the text {@value #CLOSE_COMMAND}: then the server starts the close handshake itself
 * (1000, reason {@value #CLOSE_REASON}), which lets a test act after the server's close frame.
 */
@ServerEndpoint("/closing")
public class ClosingEndpoint {

    static final String CLOSE_COMMAND = "close-now";
    static final String CLOSE_REASON = "bye";

    @OnMessage
    public void text(String message, Session session) throws IOException {
        if (CLOSE_COMMAND.equals(message)) {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, CLOSE_REASON));
        } else {
            session.getAsyncRemote().sendText(message);
        }
    }
}
