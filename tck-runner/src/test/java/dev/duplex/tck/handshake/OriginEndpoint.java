package dev.duplex.tck.handshake;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Guarded by {@link OriginConfigurator}; says "welcome" when the handshake got through. */
@ServerEndpoint(value = "/guarded", configurator = OriginConfigurator.class)
public class OriginEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("welcome");
    }
}
