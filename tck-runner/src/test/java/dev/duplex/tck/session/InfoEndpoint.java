package dev.duplex.tck.session;

import dev.duplex.tck.messaging.Mailbox;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpoint;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Answers questions about its {@code Session}: {@code info} (the request and handshake details, one
 * {@code name=value} per line), {@code open} (the ids of this endpoint's open sessions), {@code put:<k>=<v>} and
 * {@code get:<k>} (user properties). At close it posts its user property {@code k} to the {@link Mailbox} under
 * {@code closed-<id>}.
 */
@ServerEndpoint(value = "/info/{room}", subprotocols = {"chat", "superchat"})
public class InfoEndpoint {

    @OnMessage
    public String ask(String question, Session session) {
        if (question.equals("info")) {
            return info(session);
        }
        if (question.equals("open")) {
            return openSessions(session);
        }
        if (question.startsWith("put:")) {
            String[] entry = question.substring(4).split("=", 2);
            session.getUserProperties().put(entry[0], entry[1]);
            return "put";
        }
        if (question.startsWith("get:")) {
            return String.valueOf(session.getUserProperties().get(question.substring(4)));
        }
        return "unknown question " + question;
    }

    @OnClose
    public void close(Session session) {
        Mailbox.post("closed-" + session.getId(), String.valueOf(session.getUserProperties().get("k")));
    }

    static String openSessions(Session session) {
        Set<Session> open = session.getOpenSessions();
        return open.stream().map(s -> s.getId() + (s.isOpen() ? "" : "(closed)")).sorted()
                .collect(Collectors.joining(","));
    }

    private static String info(Session session) {
        WebSocketContainer container = session.getContainer();
        Map<String, List<String>> parameters = new TreeMap<>(session.getRequestParameterMap());
        return String.join("\n",
                "id=" + session.getId(),
                "uri=" + session.getRequestURI(),
                "query=" + session.getQueryString(),
                "parameters=" + parameters,
                "pathParameters=" + session.getPathParameters(),
                "principal=" + session.getUserPrincipal(),
                "subprotocol=[" + session.getNegotiatedSubprotocol() + "]",
                "extensions=" + session.getNegotiatedExtensions(),
                "protocolVersion=" + session.getProtocolVersion(),
                "secure=" + session.isSecure(),
                "open=" + session.isOpen(),
                "container=" + (container != null) + " sameAsServletContextAttribute="
                        + (container == ContainerCapture.serverContainer()),
                "remotes=" + (session.getBasicRemote() != null) + "," + (session.getAsyncRemote() != null),
                "idleTimeout=" + (session.getMaxIdleTimeout() == container.getDefaultMaxSessionIdleTimeout()),
                "textBuffer=" + (session.getMaxTextMessageBufferSize()
                        == container.getDefaultMaxTextMessageBufferSize()),
                "binaryBuffer=" + (session.getMaxBinaryMessageBufferSize()
                        == container.getDefaultMaxBinaryMessageBufferSize()));
    }
}
