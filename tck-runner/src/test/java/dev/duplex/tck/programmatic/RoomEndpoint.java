package dev.duplex.tck.programmatic;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.TreeMap;

/**
 * Opened by {@link UpgradeServlet} through {@code upgradeHttpToWebSocket}: reports its path parameters, subprotocol
 * and configuration path, then echoes text.
 */
public class RoomEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        send(session, "pathParams=" + new TreeMap<>(session.getPathParameters())
                + ";subprotocol=" + session.getNegotiatedSubprotocol()
                + ";configPath=" + ((ServerEndpointConfig) config).getPath()
                + ";uriPath=" + session.getRequestURI().getPath());
        session.addMessageHandler(String.class, message -> send(session, message));
    }

    private static void send(Session session, String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
