package dev.duplex.tck.servlet;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.security.Principal;

/**
 * Under the security constraint ({@code /secure/*}): on open, sends what the handshake saw
 * ({@link IdentityConfigurator}) and {@code Session.getUserPrincipal()}:
 * {@code principal|user?|admin?|nobody?|marker|sessionPrincipal}. Echoes text afterwards.
 */
@ServerEndpoint(value = "/secure/identity", configurator = IdentityConfigurator.class)
public class IdentityEndpoint {

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        session.getBasicRemote().sendText(describe(session, config));
    }

    @OnMessage
    public String echo(String text) {
        return text;
    }

    static String describe(Session session, EndpointConfig config) {
        Principal principal = session.getUserPrincipal();
        return config.getUserProperties().get("handshake") + "|" + (principal == null ? "null" : principal.getName());
    }
}
