package dev.duplex.tck.programmatic;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

/** Marks the connection's user properties and the handshake response. */
public class PointsConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        sec.getUserProperties().put("configured", "yes");
        response.getHeaders().put("X-Programmatic", List.of("yes"));
    }
}
