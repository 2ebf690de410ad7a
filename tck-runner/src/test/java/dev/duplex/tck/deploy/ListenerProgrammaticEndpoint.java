package dev.duplex.tck.deploy;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Deployed by {@link DeployingListener} through {@code addEndpoint(ServerEndpointConfig)}. */
public class ListenerProgrammaticEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            session.getBasicRemote().sendText("programmatic from listener " + session.getPathParameters());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
