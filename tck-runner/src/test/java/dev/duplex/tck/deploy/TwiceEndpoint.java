package dev.duplex.tck.deploy;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Deployed by the scan, and submitted again by {@link ResubmittingListener}. */
@ServerEndpoint("/twice")
public class TwiceEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("twice");
    }
}
