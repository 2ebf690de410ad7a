package dev.duplex.session;

import jakarta.websocket.Extension;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * What a session learns from its opening handshake, fixed for its lifetime. Immutable apart from
 * {@code userProperties}, the session's own mutable map (seeded from the endpoint configuration at the handshake).
 *
 * @param requestUri the request URI with its query string
 * @param parameters the query parameters, each name with all its values in order
 * @param pathParameters URI-template variables matched for this request (empty for exact paths)
 * @param principal the authenticated user, or null
 * @param subprotocol the negotiated subprotocol, or "" when none
 * @param extensions the negotiated extensions, in the order they run
 * @param userProperties the session's user properties
 */
public record SessionContext(URI requestUri, Map<String, List<String>> parameters,
        Map<String, String> pathParameters, Principal principal, String subprotocol, List<Extension> extensions,
        Map<String, Object> userProperties) {

    /** The query string without '?', or null when the URI has none. */
    public String queryString() {
        return requestUri.getRawQuery();
    }
}
