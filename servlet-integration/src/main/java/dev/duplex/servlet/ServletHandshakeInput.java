package dev.duplex.servlet;

import dev.duplex.handshake.HeaderLookup;
import dev.duplex.server.HandshakeInput;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link HttpServletRequest} seen as a handshake request. Used on the request's thread, during the handshake. */
final class ServletHandshakeInput implements HandshakeInput {

    private final HttpServletRequest request;

    ServletHandshakeInput(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public HeaderLookup headers() {
        return name -> {
            Enumeration<String> values = request.getHeaders(name);
            return values == null ? List.of() : Collections.list(values);
        };
    }

    @Override
    public Map<String, List<String>> headerMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            map.put(name, Collections.list(request.getHeaders(name)));
        }
        return map;
    }

    @Override
    public URI requestUri() {
        StringBuilder uri = new StringBuilder(request.isSecure() ? "wss://" : "ws://");
        String host = request.getServerName();
        uri.append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host);
        uri.append(':').append(request.getServerPort()).append(request.getRequestURI());
        if (request.getQueryString() != null) {
            uri.append('?').append(request.getQueryString());
        }
        return URI.create(uri.toString());
    }

    @Override
    public Map<String, List<String>> parameterMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> map.put(k, new ArrayList<>(List.of(v))));
        return map;
    }

    @Override
    public Principal principal() {
        return request.getUserPrincipal();
    }

    @Override
    public boolean isUserInRole(String role) {
        return request.isUserInRole(role);
    }

    @Override
    public Object httpSession() {
        return request.getSession(false);
    }

    @Override
    public boolean isSecure() {
        return request.isSecure();
    }
}
