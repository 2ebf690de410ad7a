package dev.duplex.tck.deploy;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A programmatic endpoint found by the scan and deployed by the configs; reports its path and what the scan handed
 * to {@link FilteringConfig}.
 */
public class ScannedProgrammaticEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            session.getBasicRemote().sendText("path=" + ((ServerEndpointConfig) config).getPath()
                    + ";annotated=" + FilteringConfig.annotatedSeen
                    + ";programmatic=" + FilteringConfig.programmaticSeen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
