package dev.duplex.server;

import dev.duplex.handshake.HeaderLookup;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * An opening handshake request as the hosting container presents it, without any servlet type. Implemented by the
 * servlet integration (and by tests); called on the request's thread, during the handshake only.
 */
public interface HandshakeInput {

    String method();

    /** Case-insensitive access to header values. */
    HeaderLookup headers();

    /** Every header, names as received, each with all its values. */
    Map<String, List<String>> headerMap();

    /** The full request URI with scheme ws or wss, host, path and query. */
    URI requestUri();

    /** Query parameters, each name with all its values. */
    Map<String, List<String>> parameterMap();

    Principal principal();

    boolean isUserInRole(String role);

    /** The HTTP session if one exists (never creates one), else null. */
    Object httpSession();

    boolean isSecure();
}
