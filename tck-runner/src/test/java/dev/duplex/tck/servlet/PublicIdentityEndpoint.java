package dev.duplex.tck.servlet;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Outside the security constraint: sends the same description as {@link IdentityEndpoint} on open. */
@ServerEndpoint(value = "/public/identity", configurator = IdentityConfigurator.class)
public class PublicIdentityEndpoint {

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        session.getBasicRemote().sendText(IdentityEndpoint.describe(session, config));
    }
}
