package dev.duplex.jetty;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Echoes text and binary messages; "close-me" makes the server start the close handshake, "secure?" answers
 * {@code Session.isSecure()}, "id?" the session id, under which {@link #closes} reports the session's onClose.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    static final int MAX_MESSAGE = 2 << 20;
    static final Map<String, CompletableFuture<String>> closes = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session) {
        closes.put(session.getId(), new CompletableFuture<>());
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        closes.get(session.getId()).complete(reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public String text(String message, Session session) throws IOException {
        if ("close-me".equals(message)) {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "server closes"));
            return null;
        }
        if ("id?".equals(message)) {
            return session.getId();
        }
        if ("secure?".equals(message)) {
            return "secure=" + session.isSecure();
        }
        return message;
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public ByteBuffer binary(ByteBuffer message) {
        return message;
    }
}
