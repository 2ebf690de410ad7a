package dev.duplex.server;

import jakarta.websocket.HandshakeResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The response headers of a successful handshake, as {@code modifyHandshake} sees and changes them; what it leaves
 * here goes on the wire. Names are case-insensitive. Used on the handshake's thread only.
 */
final class ServerHandshakeResponse implements HandshakeResponse {

    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
