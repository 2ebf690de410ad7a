package dev.duplex.tck.configurator;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** A second logical endpoint with the same configurator class as {@link SharedInstanceEndpoint}. */
@ServerEndpoint(value = "/shared-other", configurator = SharedInstanceConfigurator.class)
public class OtherSharedInstanceEndpoint {

    private final int id = SharedInstanceEndpoint.CREATED.incrementAndGet();
    volatile SharedInstanceConfigurator configurator;

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText(SharedInstanceEndpoint.report(id, configurator));
    }
}
