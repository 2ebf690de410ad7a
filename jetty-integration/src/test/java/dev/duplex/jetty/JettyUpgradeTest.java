package dev.duplex.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.core.ConnectionConfig;
import dev.duplex.servlet.testing.ForeignRequest;
import dev.duplex.servlet.testing.JdkPeer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Duplex on an embedded Jetty 12 (the version and EE level of the surefire execution) with the JDK's WebSocket
 * client and a raw socket as peers. The cases that Jetty's own {@code request.upgrade()} fails on 12.1 (bytes sent
 * after the 101 never read, a server close leaving the socket open) are here as regression tests.
 */
class JettyUpgradeTest {

    private static JettyServer server;
    private static ExecutorService clientThreads;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = JettyServer.start(EchoEndpoint.class);
        clientThreads = Executors.newCachedThreadPool();
        http = HttpClient.newBuilder().executor(clientThreads).build();
        System.out.println("Jetty " + server.version());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            server.close();
        } finally {
            if (http instanceof AutoCloseable closeable) { // JDK 21+
                closeable.close();
            }
            clientThreads.shutdownNow();
        }
    }

    static URI uri(JettyServer s, String path) {
        return URI.create("ws://127.0.0.1:" + s.port() + path);
    }

    @Test
    void echoesTextAndBinaryOfEverySize() throws Exception {
        Random random = new Random(5);
        try (JdkPeer client = JdkPeer.connect(http, uri(server, "/echo"))) {
            for (int size : new int[] {0, 1, 125, 126, 65_535, 65_536, 1 << 20}) {
                char[] chars = new char[size];
                for (int i = 0; i < size; i++) {
                    chars[i] = (char) ('a' + random.nextInt(26));
                }
                String text = new String(chars);
                client.ws.sendText(text, true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
                Object echo = client.next();
                assertTrue(text.equals(echo), "text of " + size + " bytes not echoed: " + describe(echo));

                byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                client.ws.sendBinary(ByteBuffer.wrap(bytes), true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
                echo = client.next();
                assertTrue(echo instanceof byte[] b && Arrays.equals(bytes, b),
                        "binary of " + size + " bytes not echoed: " + describe(echo));
            }
        }
    }

    @Test
    void answersPingWithPong() throws Exception {
        try (JdkPeer client = JdkPeer.connect(http, uri(server, "/echo"))) {
            ByteBuffer ping = ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8));
            client.ws.sendPing(ping).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            ByteBuffer pong = client.pongs.poll(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals("are you there", pong == null ? null : StandardCharsets.UTF_8.decode(pong).toString());
        }
    }

    @Test
    void echoesTheClientsClose() throws Exception {
        try (JdkPeer client = JdkPeer.connect(http, uri(server, "/echo"))) {
            client.ws.sendClose(1000, "bye").get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            String close = client.closed.get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(close.startsWith("1000"), close);
        }
    }

    /** The Jetty 12.1 bug: bytes the client sends after the 101 are never read by request.upgrade()'s stream. */
    @Test
    void readsMessagesSentRightAfterThe101AndOneSecondLater() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (JdkPeer client = JdkPeer.connect(http, uri(server, "/echo"))) {
            client.ws.sendText("right after the 101", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals("right after the 101", client.next());
            CompletableFuture<WebSocket> later = new CompletableFuture<>();
            timer.schedule(() -> client.ws.sendText("one second later", true).whenComplete((ws, failure) -> {
                if (failure != null) {
                    later.completeExceptionally(failure);
                } else {
                    later.complete(ws);
                }
            }), 1, TimeUnit.SECONDS);
            later.get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals("one second later", client.next());
        } finally {
            timer.shutdownNow();
        }
    }

    /**
     * The original Jetty 12.1 failure, as a browser triggers it: a handshake without Content-Length, then a frame
     * once the 101 arrived. Through request.upgrade() that frame is never read.
     */
    @Test
    void readsAFrameSentAfterThe101ByAClientWithoutContentLength() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            assertTrue(raw.handshake("/echo", new byte[0]).startsWith("HTTP/1.1 101"));
            raw.send(RawClient.frame(0x1, "after the 101".getBytes(StandardCharsets.UTF_8)));
            byte[] frame = raw.readFrame();
            assertEquals((byte) 0x81, frame[0]);
            assertEquals("after the 101", new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8));
        }
    }

    /** Bytes that arrive together with the request head reach Duplex through onUpgradeTo, before any fill. */
    @Test
    void readsAFrameSentInTheSameWriteAsTheRequest() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            String head = raw.handshake("/echo", RawClient.frame(0x1, "early".getBytes(StandardCharsets.UTF_8)));
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            byte[] frame = raw.readFrame();
            assertEquals((byte) 0x81, frame[0]);
            assertEquals("early", new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8));
        }
    }

    /** The other Jetty 12.1 symptom: after the server's close the TCP connection must end, not linger. */
    @Test
    void serverCloseEndsTheTcpConnection() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            assertTrue(raw.handshake("/echo", new byte[0]).startsWith("HTTP/1.1 101"));
            raw.send(RawClient.frame(0x1, "close-me".getBytes(StandardCharsets.UTF_8)));
            byte[] close = raw.readFrame();
            assertEquals((byte) 0x88, close[0]);
            assertEquals(1000, ((close[1] & 0xff) << 8) | (close[2] & 0xff));
            raw.send(RawClient.frame(0x8, new byte[] {0x03, (byte) 0xe8}));
            raw.setTimeout(2_000); // well under Duplex's 5 s close timeout: the close must be prompt
            assertEquals(-1, raw.read(), "the server must close the TCP connection after the close handshake");
        }
    }

    /** The peer vanishing without a close frame reaches the endpoint as onClose 1006 (end-of-file delivered). */
    @Test
    void aVanishedClientEndsItsServerSession() throws Exception {
        String id;
        try (JdkPeer client = JdkPeer.connect(http, uri(server, "/echo"))) {
            client.ws.sendText("id?", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            id = (String) client.next();
        } // close() aborts: the TCP connection ends without a close frame
        String close = EchoEndpoint.closes.get(id).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
        assertTrue(close.startsWith("1006"), close);
    }

    /** Duplex's close handshake from the server side also reaches the endpoint once. */
    @Test
    void serverCloseReachesTheEndpoint() throws Exception {
        try (JdkPeer client = JdkPeer.connect(http, uri(server, "/echo"))) {
            client.ws.sendText("id?", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            String id = (String) client.next();
            client.ws.sendText("close-me", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(client.closed.get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS).startsWith("1000"));
            String close = EchoEndpoint.closes.get(id).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(close.startsWith("1000"), close);
        }
    }

    @Test
    void inboundFloodToASlowEndpointPausesReading() throws Exception {
        try (JettyServer slow = JettyServer.start(SlowEndpoint.class);
                JdkPeer client = JdkPeer.connect(http, uri(slow, "/slow"))) {
            SlowEndpoint.reset(slow::bytesIn);
            int count = 160; // 9.6 MB: far above what the inbound limit lets the server hold
            byte[] payload = new byte[SlowEndpoint.MESSAGE];
            CompletableFuture<WebSocket> sends = CompletableFuture.completedFuture(client.ws);
            for (int i = 0; i < count; i++) {
                sends = sends.thenCompose(ws -> ws.sendBinary(ByteBuffer.wrap(payload), true));
            }
            sends = sends.thenCompose(ws -> ws.sendBinary(ByteBuffer.wrap(new byte[1]), true));
            sends.get(60, TimeUnit.SECONDS);
            assertEquals("done " + (count + 1), client.messages.poll(60, TimeUnit.SECONDS));

            long bound = ConnectionConfig.DEFAULT_INBOUND_LIMIT + 3L * SlowEndpoint.WIRE;
            long backlog = SlowEndpoint.maxBacklog.get();
            System.out.println("largest backlog read but not yet consumed: " + backlog + " bytes (bound " + bound
                    + ", flood " + (long) count * SlowEndpoint.WIRE + ")");
            assertTrue(backlog > 0 && backlog <= bound,
                    "the server held " + backlog + " bytes read but not consumed; reading must pause at the "
                    + "inbound limit (at most " + bound + ")");
        }
    }

    @Test
    void plainRequestsPassThroughTheFilter() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("hello", response.body());
    }

    /** On another container (any request that is not Jetty's) the upgrader declines and touches nothing. */
    @Test
    void requestsOfOtherContainersAreDeclined() throws Exception {
        HttpServletRequest foreign = ForeignRequest.create();
        JettyConnectionUpgrader upgrader = new JettyConnectionUpgrader();
        assertFalse(upgrader.upgrade(foreign, null, null, null));
        assertFalse(upgrader.upgrade(new HttpServletRequestWrapper(foreign), null, null, null));
    }

    private static String describe(Object message) {
        if (message instanceof String s) {
            return "text of " + s.length() + " chars";
        }
        if (message instanceof byte[] b) {
            return "binary of " + b.length + " bytes";
        }
        return String.valueOf(message);
    }
}
