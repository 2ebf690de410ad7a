package dev.duplex.tck.lifecycle;

import dev.duplex.tck.messaging.Mailbox;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/**
 * Endpoints whose callbacks throw. Their {@code @OnError} methods describe the error as
 * {@code onError <found|not found> <type of the thrown exception> sameSession=<bool>}: "found" when the exception
 * the application threw (recognised by its message) is the Throwable passed, or in its cause chain.
 */
public final class ErrorEndpoints {

    private ErrorEndpoints() {
    }

    static String describe(Throwable error, String marker, Session passed, Session own) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (marker.equals(t.getMessage())) {
                return "onError found " + t.getClass().getSimpleName() + " sameSession=" + (passed == own);
            }
        }
        return "onError not found: " + error + " sameSession=" + (passed == own);
    }

    /** {@code runtime} and {@code checked} make {@code @OnMessage} throw; anything else is echoed. */
    @ServerEndpoint("/error/message")
    public static class ThrowingMessage {
        private Session own;
        private String marker;

        @OnOpen
        public void open(Session session) {
            own = session;
        }

        @OnMessage
        public String on(String message) throws IOException {
            marker = "thrown by onMessage " + message;
            switch (message) {
                case "runtime" -> throw new IllegalArgumentException(marker);
                case "checked" -> throw new IOException(marker);
                default -> {
                    return "echo:" + message;
                }
            }
        }

        @OnError
        public void error(Session session, Throwable error) throws IOException {
            session.getBasicRemote().sendText(describe(error, marker, session, own));
        }
    }

    /** {@code @OnOpen} throws. */
    @ServerEndpoint("/error/open")
    public static class ThrowingOpen {
        private Session own;

        @OnOpen
        public void open(Session session) {
            own = session;
            throw new IllegalStateException("thrown by onOpen");
        }

        @OnError
        public void error(Session session, Throwable error) throws IOException {
            session.getBasicRemote().sendText(describe(error, "thrown by onOpen", session, own));
        }
    }

    /**
     * {@code id} answers the session id; {@code @OnClose} throws, and {@code @OnError} posts its description to the
     * {@link Mailbox} under {@code close-error-<id>}.
     */
    @ServerEndpoint("/error/close")
    public static class ThrowingClose {
        private Session own;

        @OnOpen
        public void open(Session session) {
            own = session;
        }

        @OnMessage
        public String id(String message, Session session) {
            return session.getId();
        }

        @OnClose
        public void close() {
            throw new IllegalStateException("thrown by onClose");
        }

        @OnError
        public void error(Session session, Throwable error) {
            Mailbox.post("close-error-" + own.getId(), describe(error, "thrown by onClose", session, own));
        }
    }
}
