package dev.duplex.tck.deploy;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** The endpoint whose handshake ends the deployment phase in {@link LateAddEndpointIT}. */
@ServerEndpoint("/first")
public class FirstEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("first");
    }
}
