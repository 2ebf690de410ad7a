package dev.duplex.benchmarks.dispatch;

import dev.duplex.handshake.HeaderLookup;
import dev.duplex.server.HandshakeInput;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed, valid opening handshake (RFC 6455 §4.1, the sample key of §1.3) for {@code ws://localhost<path>}, with
 * no servlet request behind it: what the servlet integration's handshake input would present. Immutable; used on
 * the benchmark's setup thread only.
 */
final class LocalHandshake implements HandshakeInput {

    private final String path;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    LocalHandshake(String path) {
        this.path = path;
        headers.put("Host", List.of("localhost"));
        headers.put("Upgrade", List.of("websocket"));
        headers.put("Connection", List.of("Upgrade"));
        headers.put("Sec-WebSocket-Key", List.of("dGhlIHNhbXBsZSBub25jZQ=="));
        headers.put("Sec-WebSocket-Version", List.of("13"));
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public HeaderLookup headers() {
        return HeaderLookup.of(headers);
    }

    @Override
    public Map<String, List<String>> headerMap() {
        return Map.copyOf(headers);
    }

    @Override
    public URI requestUri() {
        return URI.create("ws://localhost" + path);
    }

    @Override
    public Map<String, List<String>> parameterMap() {
        return Map.of();
    }

    @Override
    public Principal principal() {
        return null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public Object httpSession() {
        return null;
    }

    @Override
    public boolean isSecure() {
        return false;
    }
}
