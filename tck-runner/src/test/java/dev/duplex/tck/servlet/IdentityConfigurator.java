package dev.duplex.tck.servlet;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.security.Principal;

/**
 * Records what the handshake request knows of the user, in the session's user properties under {@code handshake}:
 * {@code principal|user?|admin?|nobody?|marker} where marker is the HTTP session's {@code marker} attribute
 * ({@link LoginServlet}; null where there is none). WSC-7.2-1 / javadoc of
 * {@link HandshakeRequest#getUserPrincipal()}, {@link HandshakeRequest#isUserInRole(String)},
 * {@link HandshakeRequest#getHttpSession()}.
 */
public class IdentityConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        Principal principal = request.getUserPrincipal();
        Object session = request.getHttpSession();
        sec.getUserProperties().put("handshake", (principal == null ? "null" : principal.getName())
                + "|" + request.isUserInRole("user") + "|" + request.isUserInRole("admin")
                + "|" + request.isUserInRole("nobody")
                + "|" + (session instanceof HttpSession http ? http.getAttribute("marker") : "null"));
    }
}
