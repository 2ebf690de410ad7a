package dev.duplex.client;

import jakarta.websocket.HandshakeResponse;
import java.util.List;
import java.util.Map;

/**
 * The server's handshake response as {@code ClientEndpointConfig.Configurator.afterResponse} sees it: its header
 * fields, names matched case-insensitively. Created on the connecting thread, for that one call.
 */
final class ClientHandshakeResponse implements HandshakeResponse {

    private final Map<String, List<String>> headers;

    ClientHandshakeResponse(Map<String, List<String>> headers) {
        this.headers = headers;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
