package dev.duplex.tck.deploy;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** An annotated endpoint that {@link FilteringConfig} chooses to deploy. */
@ServerEndpoint("/kept")
public class KeptEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("kept");
    }
}
