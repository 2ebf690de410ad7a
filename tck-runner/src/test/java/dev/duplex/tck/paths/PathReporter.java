package dev.duplex.tck.paths;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.TreeMap;

/**
 * Deployed at many paths by {@link PathMatchingConfig}; on open it sends the path it was deployed at and the path
 * parameters of the connection: {@code "/a/{var}/c {var=d}"}.
 */
public class PathReporter extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        String path = ((ServerEndpointConfig) config).getPath();
        try {
            session.getBasicRemote().sendText(path + " " + new TreeMap<>(session.getPathParameters()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
