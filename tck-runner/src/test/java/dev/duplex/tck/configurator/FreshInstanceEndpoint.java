package dev.duplex.tck.configurator;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Default configurator; numbers its instances and says which one serves the connection. */
@ServerEndpoint("/fresh")
public class FreshInstanceEndpoint {

    private static final AtomicInteger CREATED = new AtomicInteger();

    private final int id = CREATED.incrementAndGet();

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("instance=" + id);
    }

    @OnMessage
    public String message(String message) {
        return "instance=" + id;
    }
}
