package dev.duplex.client;

import jakarta.websocket.DeploymentException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a {@code ws://} or {@code wss://} URI points (RFC 6455 §3): host, port (80 and 443 by default), the request
 * target with its query string, and the {@code Host} header. An IPv6 literal keeps its brackets in the Host header
 * and loses them for the socket address. A fragment is ignored (RFC 6455 §3: it has no meaning here).
 *
 * @param uri the URI as given
 * @param secure true for wss
 * @param host the host name or address literal, without brackets
 * @param port the port to connect to
 * @param hostHeader the value of the Host header ({@code host[:port]}, the port only when not the default)
 * @param requestTarget the path (at least "/") and {@code ?query}, as sent in the request line
 */
record ConnectTarget(URI uri, boolean secure, String host, int port, String hostHeader, String requestTarget) {

    /** Checks and splits {@code uri}; a URI that cannot name a WebSocket endpoint fails with a clear message. */
    static ConnectTarget of(URI uri) throws DeploymentException {
        if (uri == null) {
            throw new DeploymentException("cannot connect: the URI is null");
        }
        String scheme = uri.getScheme();
        boolean secure = "wss".equalsIgnoreCase(scheme);
        if (!secure && !"ws".equalsIgnoreCase(scheme)) {
            throw new DeploymentException("cannot connect to " + uri + ": the scheme must be ws or wss, not '"
                    + scheme + "' (RFC 6455 §3)");
        }
        if (uri.isOpaque() || uri.getHost() == null) {
            throw new DeploymentException("cannot connect to " + uri + ": the URI names no host (ws://host[:port]/path)");
        }
        String literal = uri.getHost();
        String host = literal.startsWith("[") && literal.endsWith("]")
                ? literal.substring(1, literal.length() - 1) : literal;
        int defaultPort = secure ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String hostHeader = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        if (port != defaultPort) {
            hostHeader += ":" + port;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new ConnectTarget(uri, secure, host, port, hostHeader, target);
    }

    /** {@code host:port} for messages ({@code [v6]:port} for IPv6). */
    String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The query parameters, each name with its values in order, percent-decoded as UTF-8. */
    Map<String, List<String>> parameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((k, v) -> List.copyOf(v));
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
