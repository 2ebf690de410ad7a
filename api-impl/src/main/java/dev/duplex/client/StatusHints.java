package dev.duplex.client;

import dev.duplex.handshake.HeaderTokens;

import java.util.List;
import java.util.Map;

/**
 * A short hint, for the message of a failed handshake, about what a non-101 status usually means. Stateless; any
 * thread.
 */
final class StatusHints {

    private StatusHints() {
    }

    /** " (hint)" for {@code status}, or "" when there is nothing useful to add. */
    static String hint(int status, ConnectTarget target, Map<String, List<String>> headers) {
        String path = target.requestTarget();
        if (status >= 300 && status < 400) {
            String location = first(headers, "Location");
            return " (a redirect" + (location == null ? "" : " to '" + HeaderTokens.show(location) + "'")
                    + "; the client does not follow redirects: connect to the new URI)";
        }
        switch (status) {
            case 200:
                return " (the server treated it as a plain HTTP request: is " + path + " a WebSocket endpoint?)";
            case 400:
                return " (the server found the upgrade request malformed)";
            case 401:
                return " (the server wants authentication: add an Authorization header in"
                        + " ClientEndpointConfig.Configurator.beforeRequest)";
            case 403:
                return " (the server refused the upgrade, e.g. an origin check or an access rule)";
            case 404:
                return " (is there a WebSocket endpoint at " + path + "?)";
            case 426:
                String version = first(headers, "Sec-WebSocket-Version");
                return " (the server wants another WebSocket version" + (version == null ? "" : ": " + version) + ")";
            case 503:
                String retry = first(headers, "Retry-After");
                return retry == null ? " (the server is unavailable)" : " (the server is unavailable; Retry-After: "
                        + HeaderTokens.show(retry) + ")";
            default:
                return "";
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
