package dev.duplex.tck.configurator;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Served by a {@link SharedInstanceConfigurator}: reports its instance number, its configurator's number and how
 * many times that configurator was asked for an instance.
 */
@ServerEndpoint(value = "/shared", configurator = SharedInstanceConfigurator.class)
public class SharedInstanceEndpoint {

    static final AtomicInteger CREATED = new AtomicInteger();

    private final int id = CREATED.incrementAndGet();
    volatile SharedInstanceConfigurator configurator;

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText(report(id, configurator));
    }

    static String report(int id, SharedInstanceConfigurator configurator) {
        return "instance=" + id + ";configurator=" + configurator.id + ";calls=" + configurator.calls.get();
    }
}
