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
 * @param requestUriText the request URI with its query string, as text: a session keeps one string rather than a
 *        {@link URI} and its parts (an idle connection should hold little), and makes the URI when asked
 * @param parameters the query parameters, each name with all its values in order
 * @param pathParameters URI-template variables matched for this request (empty for exact paths)
 * @param principal the authenticated user, or null
 * @param subprotocol the negotiated subprotocol, or "" when none
 * @param extensions the negotiated extensions, in the order they run
 * @param userProperties the session's user properties
 */
public record SessionContext(String requestUriText, Map<String, List<String>> parameters,
        Map<String, String> pathParameters, Principal principal, String subprotocol, List<Extension> extensions,
        Map<String, Object> userProperties) {

    /** The request URI (a new, equal instance on each call). */
    public URI requestUri() {
        return URI.create(requestUriText);
    }

    /** The query string without '?', or null when the URI has none. */
    public String queryString() {
        return requestUri().getRawQuery();
    }
}
