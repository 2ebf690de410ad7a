package dev.duplex.tck.deploy;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Deployed by {@link DeployingListener} through {@code addEndpoint(Class)}. */
@ServerEndpoint("/listener/annotated")
public class ListenerAnnotatedEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("annotated from listener");
    }
}
