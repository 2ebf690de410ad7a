package dev.duplex.tck.handshake;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

/**
 * Overrides only {@code modifyHandshake}: everything else (subprotocol negotiation among it) is the API base class
 * delegating to the platform default.
 */
public class HeaderOnlyConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        response.getHeaders().put("X-Configured", List.of("header-only"));
    }
}
