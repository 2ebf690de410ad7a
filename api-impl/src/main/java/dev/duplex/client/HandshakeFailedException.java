package dev.duplex.client;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server answered the opening handshake, but not with an acceptable upgrade: a status other than 101 (a 404 for
 * a wrong path, a 403 from an origin or authentication check, a 503...), or a 101 that breaks RFC 6455 §4.1 (a wrong
 * {@code Sec-WebSocket-Accept}, a subprotocol or extension that was not offered, an extension this client cannot
 * run). {@code connectToServer} throws it (an {@link IOException}: the Jakarta API's "network or protocol
 * problem"); the message names the URI and what went wrong, and {@link #status()} and {@link #headers()} let a
 * program react, e.g. to a 401 or a {@code Retry-After}.
 *
 * <p>Immutable.
 */
public final class HandshakeFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final URI uri;
    private final int status;
    private final transient Map<String, List<String>> headers;

    HandshakeFailedException(URI uri, int status, Map<String, List<String>> headers, String message) {
        super(message);
        this.uri = uri;
        this.status = status;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
    }

    /** The URI the client tried to connect to. */
    public URI uri() {
        return uri;
    }

    /** The HTTP status the server answered with (101 when the upgrade response itself was not acceptable). */
    public int status() {
        return status;
    }

    /** The response's header fields, names matched case-insensitively. */
    public Map<String, List<String>> headers() {
        return headers == null ? Map.of() : headers;
    }
}
