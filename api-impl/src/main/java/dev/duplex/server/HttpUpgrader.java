package dev.duplex.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;

/**
 * Performs {@code ServerContainer.upgradeHttpToWebSocket} for the hosting container: the servlet integration
 * installs one that understands its request and response objects. Called on the request's thread.
 */
@FunctionalInterface
public interface HttpUpgrader {
    void upgrade(Object request, Object response, ServerEndpointConfig config, Map<String, String> pathParameters)
            throws IOException, DeploymentException;
}
