package dev.duplex.tck.messaging;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Endpoints with incoming message limits of 100 bytes (text) and 200 bytes (binary), set three ways. Each answers
 * a text message with {@code text:<length>} and a binary one with {@code binary:<length>}; the text
 * {@code limits} is answered with the session's limits.
 */
public final class LimitEndpoints {

    public static final int TEXT_LIMIT = 100;
    public static final int BINARY_LIMIT = 200;

    private LimitEndpoints() {
    }

    static String answer(String message, Session session) {
        return message.equals("limits")
                ? "text=" + session.getMaxTextMessageBufferSize() + " binary=" + session.getMaxBinaryMessageBufferSize()
                : "text:" + message.length();
    }

    /** Limits set with {@code Session.setMaxTextMessageBufferSize} / {@code setMaxBinaryMessageBufferSize}. */
    @ServerEndpoint("/limit/session")
    public static class SessionLimits {
        @OnOpen
        public void open(Session session) {
            session.setMaxTextMessageBufferSize(TEXT_LIMIT);
            session.setMaxBinaryMessageBufferSize(BINARY_LIMIT);
        }

        @OnMessage
        public String text(String message, Session session) {
            return answer(message, session);
        }

        @OnMessage
        public String binary(ByteBuffer message) {
            return "binary:" + message.remaining();
        }
    }

    /** Limits set with {@code @OnMessage(maxMessageSize)}. */
    @ServerEndpoint("/limit/annotated")
    public static class AnnotatedLimits {
        @OnMessage(maxMessageSize = TEXT_LIMIT)
        public String text(String message, Session session) {
            return answer(message, session);
        }

        @OnMessage(maxMessageSize = BINARY_LIMIT)
        public String binary(ByteBuffer message) {
            return "binary:" + message.remaining();
        }
    }

    /** Like {@link SessionLimits}, but {@code @OnOpen} takes 300 ms before it sets the limits. */
    @ServerEndpoint("/limit/slow-session")
    public static class SlowSessionLimits {
        @OnOpen
        public void open(Session session) throws InterruptedException {
            Thread.sleep(300);
            session.setMaxTextMessageBufferSize(TEXT_LIMIT);
            session.setMaxBinaryMessageBufferSize(BINARY_LIMIT);
        }

        @OnMessage
        public String text(String message, Session session) {
            return answer(message, session);
        }

        @OnMessage
        public String binary(ByteBuffer message) {
            return "binary:" + message.remaining();
        }
    }

    /** Like {@link AnnotatedLimits}, with an {@code @OnOpen} that takes 300 ms. */
    @ServerEndpoint("/limit/slow-annotated")
    public static class SlowAnnotatedLimits {
        @OnOpen
        public void open() throws InterruptedException {
            Thread.sleep(300);
        }

        @OnMessage(maxMessageSize = TEXT_LIMIT)
        public String text(String message, Session session) {
            return answer(message, session);
        }

        @OnMessage(maxMessageSize = BINARY_LIMIT)
        public String binary(ByteBuffer message) {
            return "binary:" + message.remaining();
        }
    }

    /** Session limits with {@code MessageHandler.Whole} handlers instead of annotated methods. */
    @ServerEndpoint("/limit/handler")
    public static class HandlerLimits {
        @OnOpen
        public void open(Session session) {
            session.setMaxTextMessageBufferSize(TEXT_LIMIT);
            session.setMaxBinaryMessageBufferSize(BINARY_LIMIT);
            session.addMessageHandler(String.class, message -> send(session, answer(message, session)));
            session.addMessageHandler(ByteBuffer.class,
                    (MessageHandler.Whole<ByteBuffer>) message -> send(session, "binary:" + message.remaining()));
        }

        private static void send(Session session, String text) {
            try {
                session.getBasicRemote().sendText(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
