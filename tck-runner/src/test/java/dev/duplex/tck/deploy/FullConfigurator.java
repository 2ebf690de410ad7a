package dev.duplex.tck.deploy;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

/** Marks the connection's user properties and the handshake response. */
public class FullConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        sec.getUserProperties().put("configured", "by " + getClass().getSimpleName());
        response.getHeaders().put("X-Full", List.of("yes"));
    }
}
