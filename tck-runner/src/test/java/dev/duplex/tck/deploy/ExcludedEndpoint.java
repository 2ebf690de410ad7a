package dev.duplex.tck.deploy;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** An annotated endpoint that no {@code ServerApplicationConfig} returns: it must not be deployed. */
@ServerEndpoint("/excluded")
public class ExcludedEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("excluded");
    }
}
