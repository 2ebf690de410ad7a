package dev.duplex.server;

import dev.duplex.pojo.EndpointModel;
import dev.duplex.session.SessionGroup;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * One deployed endpoint: its configuration, its path, its scanned model (annotated endpoints only) and its open
 * sessions. Immutable apart from the session group.
 *
 * @param config the configuration given at deployment
 * @param template the parsed path
 * @param model the annotated endpoint's model, or null for a programmatic endpoint
 * @param sessions the endpoint's open sessions
 */
public record Registration(ServerEndpointConfig config, UriTemplate template, EndpointModel model,
        SessionGroup sessions) {

    String describe() {
        return config.getEndpointClass().getName();
    }
}
