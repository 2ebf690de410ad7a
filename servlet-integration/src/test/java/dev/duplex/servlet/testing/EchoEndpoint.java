package dev.duplex.servlet.testing;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The echo endpoint of the direct-path modules' tests (Tomcat, Undertow). Echoes text and binary messages.
 * Commands: "transport?" names the Duplex transport classes on the stack of the thread handling the message,
 * "thread?" names that thread, "secure?" answers whether the session is secure, "id?" answers the session id
 * (under which {@link #closes} reports the first onClose and {@link #endings} counts onClose and onError calls),
 * and "close-me" makes the server start the close handshake.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    public static final int MAX_MESSAGE = 8 << 20;
    public static final Map<String, CompletableFuture<String>> closes = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> endings = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session) {
        closes.put(session.getId(), new CompletableFuture<>());
        endings.put(session.getId(), new AtomicInteger());
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        endings.get(session.getId()).incrementAndGet();
        closes.get(session.getId()).complete(reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
    }

    @OnError
    public void error(Session session, Throwable failure) {
        endings.get(session.getId()).incrementAndGet();
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public String text(String message, Session session) throws IOException {
        switch (message) {
            case "transport?":
                StringBuilder names = new StringBuilder();
                for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
                    if (e.getClassName().endsWith("Transport") && e.getClassName().startsWith("dev.duplex.")
                            && names.indexOf(e.getClassName()) < 0) {
                        names.append(names.length() == 0 ? "" : " ").append(e.getClassName());
                    }
                }
                return names.length() == 0 ? "none" : names.toString();
            case "thread?":
                return Thread.currentThread().getName();
            case "secure?":
                return "secure=" + session.isSecure();
            case "id?":
                return session.getId();
            case "close-me":
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "server closes"));
                return null;
            default:
                return message;
        }
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public ByteBuffer binary(ByteBuffer message) {
        return message;
    }
}
