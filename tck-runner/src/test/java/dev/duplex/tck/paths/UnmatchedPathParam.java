package dev.duplex.tck.paths;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** A {@code @PathParam} whose name is no variable of the template: its value must be null. */
@ServerEndpoint("/unmatched/{known}")
public class UnmatchedPathParam {

    @OnOpen
    public void open(Session session, @PathParam("known") String known, @PathParam("unknown") String unknown)
            throws IOException {
        session.getBasicRemote().sendText("known=" + known + ";unknown=" + unknown);
    }
}
