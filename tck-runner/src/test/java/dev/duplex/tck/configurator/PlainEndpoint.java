package dev.duplex.tck.configurator;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** A programmatic endpoint that does nothing: only instantiated by the default configurator in a servlet. */
public class PlainEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
    }
}
