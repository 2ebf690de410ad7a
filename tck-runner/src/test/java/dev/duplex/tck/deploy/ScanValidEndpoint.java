package dev.duplex.tck.deploy;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** A well-formed endpoint; in a WAR whose deployment fails it must not be in service (WSC-5.2.1-3). */
@ServerEndpoint("/valid")
public class ScanValidEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("valid");
    }
}
