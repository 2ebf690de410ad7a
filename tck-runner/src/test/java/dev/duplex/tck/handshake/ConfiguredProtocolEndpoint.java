package dev.duplex.tck.handshake;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Like {@link ProtocolEndpoint}, with a custom configurator that does not override the negotiation. */
@ServerEndpoint(value = "/configured-proto", subprotocols = {"alpha", "beta", "gamma"},
        configurator = HeaderOnlyConfigurator.class)
public class ConfiguredProtocolEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("[" + session.getNegotiatedSubprotocol() + "]");
    }
}
