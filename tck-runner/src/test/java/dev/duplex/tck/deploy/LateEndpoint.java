package dev.duplex.tck.deploy;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Submitted by {@link LateAddServlet} after the first handshake (kept out of the scan by {@link OnlyFirstConfig}). */
@ServerEndpoint("/late")
public class LateEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("late");
    }
}
