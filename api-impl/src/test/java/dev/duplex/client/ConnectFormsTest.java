package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four {@code connectToServer} forms, {@code @ClientEndpoint} attributes, coders, container defaults and what a
 * client session reports, against Tomcat's WebSocket server.
 */
class ConnectFormsTest {

    private static TomcatPeer tomcat;
    private final WsClientContainer container = new WsClientContainer();

    @BeforeAll
    static void startTomcat() throws Exception {
        tomcat = new TomcatPeer();
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        tomcat.close();
    }

    @AfterEach
    void stopContainer() {
        container.shutdown();
    }

    /** An annotated client with coders; it records decoded points and the close code. */
    @ClientEndpoint(encoders = Point.TextEncoder.class, decoders = Point.TextDecoder.class)
    public static class PointClient {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        @OnMessage
        public void point(Point point) {
            received.add(point);
        }

        @OnClose
        public void closed(CloseReason reason) {
            received.add(reason);
        }
    }

    @Test
    void annotatedInstanceWithCoders() throws Exception {
        PointClient client = new PointClient();
        Session session = container.connectToServer(client, tomcat.uri("/echo"));
        session.getBasicRemote().sendObject(new Point(3, -4));
        assertEquals(new Point(3, -4), client.received.poll(ClientProbe.WAIT_SECONDS, TimeUnit.SECONDS));
        session.close();
        assertEquals(1000, ((CloseReason) client.received.poll(ClientProbe.WAIT_SECONDS, TimeUnit.SECONDS))
                .getCloseCode().getCode());
    }

    /** Created by the container: reports through a static queue. */
    @ClientEndpoint(subprotocols = {"chat.v1"}, configurator = HeaderConfigurator.class)
    public static class ByClass {
        static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();

        @OnOpen
        public void open(Session session) throws Exception {
            session.getBasicRemote().sendText("subprotocol?");
        }

        @OnMessage
        public void text(String text) {
            RECEIVED.add(text);
        }
    }

    /** Adds X-Duplex-Test and keeps what afterResponse saw. */
    public static class HeaderConfigurator extends ClientEndpointConfig.Configurator {
        static final BlockingQueue<Map<String, List<String>>> RESPONSES = new LinkedBlockingQueue<>();

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            headers.put("X-Duplex-Test", List.of("from-annotation"));
        }

        @Override
        public void afterResponse(HandshakeResponse response) {
            RESPONSES.add(response.getHeaders());
        }
    }

    @Test
    void annotatedClassWithSubprotocolsAndConfigurator() throws Exception {
        Session session = container.connectToServer(ByClass.class, tomcat.uri("/protocols"));
        assertEquals("chat.v1", session.getNegotiatedSubprotocol());
        assertEquals("subprotocol=chat.v1", ByClass.RECEIVED.poll(ClientProbe.WAIT_SECONDS, TimeUnit.SECONDS));
        session.close();
        HeaderConfigurator.RESPONSES.clear();
        Session second = container.connectToServer(ByClass.class, tomcat.uri("/headers"));
        Map<String, List<String>> headers = HeaderConfigurator.RESPONSES.poll(ClientProbe.WAIT_SECONDS,
                TimeUnit.SECONDS);
        assertEquals(List.of("from-annotation"), headers.get("X-Duplex-Echo"));
        second.close();
    }

    /** A programmatic endpoint created by the container. */
    public static class ProgrammaticByClass extends Endpoint {
        static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) RECEIVED::add);
        }
    }

    @Test
    void endpointClassWithConfig() throws Exception {
        Session session = container.connectToServer(ProgrammaticByClass.class,
                ClientEndpointConfig.Builder.create().build(), tomcat.uri("/echo"));
        session.getBasicRemote().sendText("by class");
        assertEquals("by class", ProgrammaticByClass.RECEIVED.poll(ClientProbe.WAIT_SECONDS, TimeUnit.SECONDS));
        session.close();
    }

    @Test
    void endpointInstanceThroughTheAnnotatedForm() throws Exception {
        ClientProbe probe = new ClientProbe();
        Session session = container.connectToServer((Object) probe, tomcat.uri("/echo"));
        session.getBasicRemote().sendText("plain endpoint");
        assertEquals("plain endpoint", probe.nextText());
        session.close();
    }

    @Test
    void classWithoutClientEndpointIsRefused() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> container.connectToServer(new Object(), tomcat.uri("/echo")));
        assertTrue(e.getMessage().contains("@ClientEndpoint"), e.getMessage());
    }

    @Test
    void sessionReportsItsHandshakeAndRunsCallbacksOffTheIoThreads() throws Exception {
        ClientProbe probe = new ClientProbe();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put("app.key", "app.value");
        Session session = container.connectToServer(probe, config, tomcat.uri("/echo?a=1&b=x%20y&a=2"));
        assertEquals(tomcat.uri("/echo?a=1&b=x%20y&a=2"), session.getRequestURI());
        assertEquals("a=1&b=x%20y&a=2", session.getQueryString());
        assertEquals(Map.of("a", List.of("1", "2"), "b", List.of("x y")), session.getRequestParameterMap());
        assertEquals("13", session.getProtocolVersion());
        assertFalse(session.isSecure());
        assertTrue(session.isOpen());
        assertSame(container, session.getContainer());
        assertEquals("app.value", session.getUserProperties().get("app.key"));
        session.getUserProperties().put("session.only", 1);
        assertFalse(config.getUserProperties().containsKey("session.only"), "the session has its own copy");
        assertTrue(session.getOpenSessions().contains(session));
        assertTrue(container.getOpenSessions().contains(session));
        String thread = probe.openThread.getNow("(onOpen has not run)");
        assertTrue(thread.contains("-worker-"), "onOpen ran before connectToServer returned, on the callback pool: "
                + thread);
        session.close();
        probe.awaitClose();
    }

    @Test
    void containerDefaultsApplyToNewSessions() throws Exception {
        container.setDefaultMaxTextMessageBufferSize(16);
        container.setDefaultMaxBinaryMessageBufferSize(32);
        container.setDefaultMaxSessionIdleTimeout(60_000);
        container.setAsyncSendTimeout(12_345);
        assertTrue(container.getInstalledExtensions().isEmpty(), "no extension runs on the client yet");
        ClientProbe probe = new ClientProbe();
        Session session = container.connectToServer(probe, ClientEndpointConfig.Builder.create().build(),
                tomcat.uri("/echo"));
        assertEquals(16, session.getMaxTextMessageBufferSize());
        assertEquals(32, session.getMaxBinaryMessageBufferSize());
        assertEquals(60_000, session.getMaxIdleTimeout());
        assertEquals(12_345, session.getAsyncRemote().getSendTimeout());
        session.getBasicRemote().sendText("this echo is longer than sixteen bytes");
        CloseReason reason = probe.awaitClose();
        assertEquals(1009, reason.getCloseCode().getCode(), "a message over the limit closes with 1009: " + reason);
        assertNotNull(reason.getReasonPhrase());
    }

    /** Spec §2.1.5: a close the container starts (here the idle timeout) reaches onClose as 1006. */
    @Test
    void idleTimeoutClosesAClientSessionToo() throws Exception {
        container.setDefaultMaxSessionIdleTimeout(200);
        ClientProbe probe = new ClientProbe();
        container.connectToServer(probe, ClientEndpointConfig.Builder.create().build(), tomcat.uri("/echo"));
        CloseReason reason = probe.awaitClose();
        assertEquals(1006, reason.getCloseCode().getCode(), reason.toString());
        assertTrue(reason.getReasonPhrase().contains("idle"), reason.toString());
    }
}
