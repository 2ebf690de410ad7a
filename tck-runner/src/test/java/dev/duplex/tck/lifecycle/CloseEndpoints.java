package dev.duplex.tck.lifecycle;

import dev.duplex.tck.messaging.Mailbox;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Endpoints for closing from either side and for what a closed session still allows. */
public final class CloseEndpoints {

    /** Closed sessions by token, kept by {@link Closing#closed} for {@link Probe}. */
    static final Map<String, Session> CLOSED = new ConcurrentHashMap<>();

    private CloseEndpoints() {
    }

    interface Attempt {
        void run() throws Exception;
    }

    static String attempt(Attempt attempt) {
        try {
            attempt.run();
            return "no exception";
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    /**
     * {@code close} and {@code close-reason} close the session from the server. {@code @OnClose} tries a send, keeps
     * the session for {@link Probe}, then posts {@code call=<n> code=<c> reason=<r> send=<outcome>} to the
     * {@link Mailbox} under {@code onclose-<token>} (query parameter {@code token}, so that the client needs no
     * answer from the endpoint).
     */
    @ServerEndpoint("/closing")
    public static class Closing {
        private int closeCalls;

        @OnMessage
        public void command(String command, Session session) throws IOException {
            switch (command) {
                case "close" -> session.close();
                case "close-reason" -> session.close(
                        new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "server says bye"));
                default -> throw new IllegalArgumentException(command);
            }
        }

        @OnClose
        public void closed(Session session, CloseReason reason) {
            closeCalls++;
            String send = attempt(() -> session.getBasicRemote().sendText("from onClose"));
            String token = token(session);
            CLOSED.put(token, session);
            Mailbox.post("onclose-" + token, "call=" + closeCalls + " code="
                    + reason.getCloseCode().getCode() + " reason=" + reason.getReasonPhrase() + " send=" + send);
        }
    }

    static String token(Session session) {
        return session.getRequestParameterMap().get("token").get(0);
    }

    /**
     * Answers every message with {@code reply:<message>} through the blocking remote, then posts {@code sent <outcome>}
     * to the {@link Mailbox} under {@code reply-<token>} (query parameter {@code token}); {@code @OnClose} posts
     * {@code closed <code>} there.
     */
    @ServerEndpoint("/closing-reply")
    public static class Replying {
        @OnMessage
        public void reply(String message, Session session) {
            String outcome = attempt(() -> session.getBasicRemote().sendText("reply:" + message));
            Mailbox.post(key(session), "sent " + outcome);
        }

        @OnClose
        public void closed(Session session, CloseReason reason) {
            Mailbox.post(key(session), "closed " + reason.getCloseCode().getCode());
        }

        private static String key(Session session) {
            return "reply-" + token(session);
        }
    }

    /** Given the token of a closed {@link Closing} session, answers what calling it does now. */
    @ServerEndpoint("/closing-probe")
    public static class Probe {
        @OnMessage
        public String probe(String token) {
            Session closed = CLOSED.get(token);
            if (closed == null) {
                return "no closed session " + token;
            }
            return String.join(",",
                    "isOpen=" + closed.isOpen(),
                    "basic sendText=" + attempt(() -> closed.getBasicRemote().sendText("late")),
                    "async sendText=" + attempt(() -> closed.getAsyncRemote().sendText("late")),
                    "close again=" + attempt(closed::close),
                    "close(reason) again=" + attempt(() -> closed.close(
                            new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "again"))));
        }
    }
}
