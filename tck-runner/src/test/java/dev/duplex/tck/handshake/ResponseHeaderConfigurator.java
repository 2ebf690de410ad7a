package dev.duplex.tck.handshake;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds response headers in {@code modifyHandshake}, and records (in user properties) which response headers the
 * container had already filled in.
 */
public class ResponseHeaderConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        Map<String, List<String>> headers = response.getHeaders();
        sec.getUserProperties().put("protocolBefore", String.valueOf(headers.get("Sec-WebSocket-Protocol")));
        headers.put("X-Duplex-Single", new ArrayList<>(List.of("one")));
        headers.put("X-Duplex-Multi", new ArrayList<>(List.of("first", "second")));
    }
}
