package dev.duplex.tck.lifecycle;

import dev.duplex.tck.messaging.Mailbox;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Sets its session's idle timeout in {@code @OnOpen} from the query parameter {@code ms}. Messages: {@code id},
 * {@code timeout} (answers {@code getMaxIdleTimeout}), {@code set:<ms>}; anything else is echoed. {@code @OnClose}
 * posts {@code code=<c> reason=<r>} to the {@link Mailbox} under {@code idle-<id>}.
 */
@ServerEndpoint("/idle")
public class IdleEndpoint {

    @OnOpen
    public void open(Session session) {
        session.setMaxIdleTimeout(Long.parseLong(session.getRequestParameterMap().get("ms").get(0)));
    }

    @OnMessage
    public String command(String command, Session session) {
        if (command.equals("id")) {
            return session.getId();
        }
        if (command.equals("timeout")) {
            return Long.toString(session.getMaxIdleTimeout());
        }
        if (command.startsWith("set:")) {
            session.setMaxIdleTimeout(Long.parseLong(command.substring(4)));
            return "set " + session.getMaxIdleTimeout();
        }
        return "echo:" + command;
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        Mailbox.post("idle-" + session.getId(),
                "code=" + reason.getCloseCode().getCode() + " reason=" + reason.getReasonPhrase());
    }
}
