package dev.duplex.server;

import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link HandshakeRequest} the configurator sees: headers with case-insensitive names (unmodifiable), the query
 * parameters, the principal and the HTTP session. Read during the handshake, on the request's thread.
 */
final class ServerHandshakeRequest implements HandshakeRequest {

    private final HandshakeInput input;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> parameters;

    ServerHandshakeRequest(HandshakeInput input) {
        this.input = input;
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        input.headerMap().forEach((name, values) ->
                h.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        h.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.headers = Collections.unmodifiableMap(h);
        Map<String, List<String>> p = new TreeMap<>();
        input.parameterMap().forEach((name, values) -> p.put(name, List.copyOf(values)));
        this.parameters = p.isEmpty() ? Map.of() : Collections.unmodifiableMap(p); // kept by the session
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public Principal getUserPrincipal() {
        return input.principal();
    }

    @Override
    public URI getRequestURI() {
        return input.requestUri();
    }

    @Override
    public boolean isUserInRole(String role) {
        return input.isUserInRole(role);
    }

    @Override
    public Object getHttpSession() {
        return input.httpSession();
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        return parameters;
    }

    @Override
    public String getQueryString() {
        return input.requestUri().getRawQuery();
    }
}
