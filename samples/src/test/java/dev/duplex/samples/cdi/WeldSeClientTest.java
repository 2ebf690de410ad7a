package dev.duplex.samples.cdi;

import dev.duplex.samples.SamplesServer;
import dev.duplex.server.DefaultServerConfigurator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.duplex.samples.JdkSocket.TIMEOUT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CDI in a plain Java program (Weld SE): a client endpoint with an injected bean talks through Duplex's client to
 * the samples' greeter; and Duplex's default configurator uses CDI exactly when a CDI container runs.
 */
class WeldSeClientTest {

    /** An application-scoped bean that collects what the client endpoint receives. */
    @ApplicationScoped
    public static class Inbox {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        void add(String message) {
            messages.add(message);
        }

        String next() throws InterruptedException {
            String message = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(message, "nothing received within " + TIMEOUT_SECONDS + " s");
            return message;
        }
    }

    /** A client endpoint whose instance comes from Weld SE, with the {@link Inbox} injected. */
    @ClientEndpoint
    public static class GreeterClient {
        @Inject
        Inbox inbox;

        @OnOpen
        public void onOpen(Session session) {
            session.getAsyncRemote().sendText("weld-se");
        }

        @OnMessage
        public void onMessage(String message) {
            inbox.add(message);
        }
    }

    /** A stand-in endpoint class for the configurator checks. */
    public static class Probe {
        @Inject
        Inbox inbox;
    }

    @Test
    void aClientEndpointFromWeldSeGetsItsInjectedBeanAndTalksToTheServer() throws Exception {
        try (SamplesServer server = SamplesServer.start("127.0.0.1", 0);
                WeldContainer weld = new Weld().disableDiscovery()
                        .addBeanClasses(Inbox.class, GreeterClient.class).initialize()) {
            GreeterClient client = weld.select(GreeterClient.class).get();
            assertNotNull(client.inbox, "injected by Weld SE");

            WebSocketContainer container = ContainerProvider.getWebSocketContainer();
            Session session = container.connectToServer(client, URI.create(server.wsUrl("/greeter")));
            try {
                String greeting = weld.select(Inbox.class).get().next();
                assertTrue(greeting.startsWith("Hello, weld-se! Greeting #"), greeting);
            } finally {
                session.close();
            }
        }
    }

    @Test
    void theDefaultConfiguratorInjectsExactlyWhenACdiContainerRuns() throws Exception {
        DefaultServerConfigurator configurator = new DefaultServerConfigurator();
        assertNull(configurator.getEndpointInstance(Probe.class).inbox, "no CDI container yet: plain construction");
        try (WeldContainer weld = new Weld().disableDiscovery().addBeanClasses(Inbox.class).initialize()) {
            Probe probe = configurator.getEndpointInstance(Probe.class);
            assertNotNull(probe.inbox, "CDI is running: the instance comes from CDI");
            assertTrue(probe != configurator.getEndpointInstance(Probe.class), "a new instance each time");
        }
        assertNull(configurator.getEndpointInstance(Probe.class).inbox, "CDI stopped: plain construction again");
    }
}
