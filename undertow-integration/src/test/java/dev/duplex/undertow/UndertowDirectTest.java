package dev.duplex.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.testing.EchoEndpoint;
import dev.duplex.servlet.testing.ForeignRequest;
import dev.duplex.servlet.testing.JdkPeer;
import dev.duplex.servlet.testing.SlowEndpoint;
import dev.duplex.servlet.testing.UndertowServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Duplex on embedded Undertow through {@link UndertowConnectionUpgrader}: which transport carries the messages,
 * echoes that fill the socket both ways (the write listener finishes them), pipelined messages sent with the
 * handshake, a flood that makes Duplex stop and resume reading, and the ends of a connection; in both dispatch
 * modes (executor, Undertow's default, and inline on the XNIO I/O thread) where it matters.
 */
class UndertowDirectTest {

    private static final Set<Class<?>> ENDPOINTS =
            Set.of(EchoEndpoint.class, SlowEndpoint.class, CloseOnOpenEndpoint.class, GateEndpoint.class);

    private static UndertowServer executor;
    private static UndertowServer inline;
    private static ExecutorService clientThreads;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        executor = new UndertowServer(Map.of(), ENDPOINTS);
        inline = new UndertowServer(Map.of("duplex.dispatch", "inline"), ENDPOINTS);
        clientThreads = Executors.newCachedThreadPool();
        http = HttpClient.newBuilder().executor(clientThreads).build();
    }

    @AfterAll
    static void stop() throws Exception {
        try (UndertowServer a = executor; UndertowServer b = inline) {
            clientThreads.shutdownNow();
        }
    }

    private static UndertowServer server(String dispatch) {
        return dispatch.equals("inline") ? inline : executor;
    }

    /** Inline callbacks run below the transport that read their message (executor ones on a pool thread). */
    @Test
    void messagesAreReadByTheUndertowTransport() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(http, inline.uri("/echo"))) {
            peer.assertCarriedBy("dev.duplex.undertow.UndertowTransport", "dev.duplex.servlet.ServletTransport");
        }
    }

    /**
     * With executor dispatch, callbacks run on Undertow's worker threads (as its servlet requests do), never on one
     * of its I/O threads and never on a thread of Duplex's own: a burst of handshakes starts no threads.
     */
    @Test
    void executorDispatchRunsCallbacksOnUndertowsWorkerThreads() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(http, executor.uri("/echo"))) {
            for (int i = 0; i < 10; i++) {
                String thread = (String) peer.ask("thread?");
                assertTrue(thread.matches(".+ task-\\d+"), "callback " + i + " ran on " + thread);
            }
        }
    }

    /**
     * Executor dispatch hands the messages of one pass of an I/O thread to one worker thread, which runs them in
     * turn: a callback that blocks there must not hold up the messages of other connections queued behind it.
     */
    @Test
    void aCallbackThatBlocksHoldsUpNoOtherConnection() throws Exception {
        GateEndpoint.entered = new CountDownLatch(1);
        GateEndpoint.gate = new CountDownLatch(1);
        List<JdkPeer> others = new ArrayList<>();
        try (JdkPeer waiting = JdkPeer.connect(http, executor.uri("/gate"))) {
            for (int i = 0; i < 8; i++) { // Undertow's I/O threads take connections in turn: some share its thread
                others.add(JdkPeer.connect(http, executor.uri("/gate")));
            }
            waiting.ws.sendText("wait", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(GateEndpoint.entered.await(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS));
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < others.size(); i++) {
                    assertEquals("ping " + i, others.get(i).ask("ping " + i), "connection " + i + ", round " + round);
                }
            }
            assertEquals("opened", others.get(0).ask("open"));
            assertEquals("released", waiting.next());
        } finally {
            GateEndpoint.gate.countDown();
            others.forEach(JdkPeer::close);
        }
    }

    @Test
    void theKeySetToFalseKeepsThePortableServletPath() throws Exception {
        try (UndertowServer portable = new UndertowServer(Map.of("duplex.dispatch", "inline",
                UndertowConnectionUpgrader.ENABLED_KEY, "false"), ENDPOINTS);
                JdkPeer peer = JdkPeer.connect(http, portable.uri("/echo"))) {
            peer.assertCarriedBy("dev.duplex.servlet.ServletTransport", "dev.duplex.undertow.UndertowTransport");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"executor", "inline"})
    void echoesEverySizeUpToRepliesThatFillTheSocket(String dispatch) throws Exception {
        Random random = new Random(7);
        try (JdkPeer peer = JdkPeer.connect(http, server(dispatch).uri("/echo"))) {
            peer.assertBinaryEchoes(random, 0, 1, 125, 126, 65_535, 65_536, 1 << 20, EchoEndpoint.MAX_MESSAGE);
            String text = "ü€".repeat(1_400_000); // 7 MB of UTF-8
            assertEquals(text, peer.ask(text));
        }
    }

    /**
     * With executor dispatch a burst's replies after its first are held back, to leave in one write as the burst
     * ends. A callback that then blocks must not keep them: the I/O thread writes them within a few milliseconds.
     * (Without that, "two" would wait for the gate, which the test opens only once it has "two".)
     */
    @Test
    void repliesHeldBackByABurstLeaveWhileItsCallbackBlocks() throws Exception {
        GateEndpoint.entered = new CountDownLatch(1);
        GateEndpoint.gate = new CountDownLatch(1);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (String text : List.of("one", "two", "wait")) { // one TCP write: one read, one burst of callbacks
            frames.writeBytes(RawClient.frame(RawClient.TEXT, text.getBytes(StandardCharsets.UTF_8)));
        }
        try (RawClient client = new RawClient(executor.port());
                JdkPeer opener = JdkPeer.connect(http, executor.uri("/gate"))) {
            String head = client.handshake("/gate", frames.toByteArray());
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertEquals("one", text(client.readFrame()));
            assertEquals("two", text(client.readFrame()));
            assertTrue(GateEndpoint.entered.await(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS), "\"wait\" never ran");
            assertEquals("opened", opener.ask("open"));
            assertEquals("released", text(client.readFrame()));
        } finally {
            GateEndpoint.gate.countDown();
        }
    }

    private static String text(byte[] frame) {
        assertEquals(0x81, frame[0] & 0xff, "not a final text frame");
        return new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8);
    }

    /** Many messages in the handshake's TCP write: each gets its reply, in order. */
    @ParameterizedTest
    @ValueSource(strings = {"executor", "inline"})
    void pipelinedMessagesAreAllAnsweredInOrder(String dispatch) throws Exception {
        int count = 500;
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            frames.writeBytes(RawClient.frame(RawClient.TEXT, ("message " + i).getBytes(StandardCharsets.UTF_8)));
        }
        try (RawClient client = new RawClient(server(dispatch).port())) {
            String head = client.handshake("/echo", frames.toByteArray()); // head and messages in one write
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            for (int i = 0; i < count; i++) {
                byte[] frame = client.readFrame();
                assertEquals(0x81, frame[0] & 0xff, "reply " + i + " is no final text frame");
                assertEquals("message " + i, new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8));
            }
        }
    }

    /** 12 MB sent to an endpoint that takes 1 ms per message: Duplex pauses reading and resumes, losing nothing. */
    @Test
    void aFloodToASlowEndpointIsReadCompletelyAfterPauses() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(http, executor.uri("/slow"))) {
            SlowEndpoint.floodAndCheck(peer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"executor", "inline"})
    void aClientCloseIsAnsweredAndTheServerClosesTcp(String dispatch) throws Exception {
        try (RawClient client = upgraded(dispatch)) {
            String id = client.ask("id?");
            client.send(RawClient.frame(RawClient.CLOSE, new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e'}));
            byte[] close = client.readFrame();
            assertEquals(0x88, close[0] & 0xff, "no close frame in answer");
            assertEquals(1000, ((close[1] & 0xff) << 8) | (close[2] & 0xff));
            assertEndedOnce(client, id, "1000 bye");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"executor", "inline"})
    void aServerCloseFromOnMessageCompletesTheHandshake(String dispatch) throws Exception {
        try (RawClient client = upgraded(dispatch)) {
            String id = client.ask("id?");
            client.send(RawClient.frame(RawClient.TEXT, "close-me".getBytes(StandardCharsets.UTF_8)));
            byte[] close = client.readFrame();
            assertEquals(0x88, close[0] & 0xff, "no close frame from the server");
            client.send(RawClient.frame(RawClient.CLOSE, new byte[] {close[1], close[2]}));
            assertEndedOnce(client, id, "1000 server closes");
        }
    }

    private static RawClient upgraded(String dispatch) throws Exception {
        RawClient client = new RawClient(server(dispatch).port());
        String head = client.handshake("/echo", new byte[0]);
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        return client;
    }

    /** After the close handshake: the server closed TCP, and the endpoint's onClose ran once, with {@code close}. */
    private static void assertEndedOnce(RawClient client, String id, String close) throws Exception {
        assertEquals(-1, client.read(), "the server did not close TCP after the close handshake");
        assertEquals(close, EchoEndpoint.closes.get(id).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(1, EchoEndpoint.endings.get(id).get());
    }

    /** With inline dispatch onOpen runs before reading starts, on the thread that opens the connection. */
    @ParameterizedTest
    @ValueSource(strings = {"executor", "inline"})
    void aServerCloseFromOnOpenIsSentAfterItsGreeting(String dispatch) throws Exception {
        CloseOnOpenEndpoint.lastClose = new CompletableFuture<>();
        int before = CloseOnOpenEndpoint.closes.get();
        try (JdkPeer peer = JdkPeer.connect(http, server(dispatch).uri("/close-on-open"))) {
            assertEquals("hello", peer.next());
            assertEquals("1001 closed on open", peer.closed.get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals("1001 closed on open",
                    CloseOnOpenEndpoint.lastClose.get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(before + 1, CloseOnOpenEndpoint.closes.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"executor", "inline"})
    void aVanishedClientEndsItsServerSessionOnceWith1006(String dispatch) throws Exception {
        String id;
        try (JdkPeer peer = JdkPeer.connect(http, server(dispatch).uri("/echo"))) {
            id = (String) peer.ask("id?");
        } // aborted: the TCP connection ends without a close frame
        String close = EchoEndpoint.closes.get(id).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
        assertTrue(close.startsWith("1006"), close);
        int endings = EchoEndpoint.endings.get(id).get();
        assertTrue(endings == 1 || endings == 2, endings + " onClose/onError calls"); // onError, if any, then onClose
    }

    /** Undertow closes its connections when it stops: the open session learns of it (Undertow's close listener). */
    @Test
    void stoppingUndertowEndsTheOpenSessions() throws Exception {
        String id;
        try (UndertowServer doomed = new UndertowServer(Map.of(), ENDPOINTS);
                JdkPeer peer = JdkPeer.connect(http, doomed.uri("/echo"))) {
            id = (String) peer.ask("id?");
            doomed.close();
            String close = EchoEndpoint.closes.get(id).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(close.startsWith("1006"), close);
        }
    }

    /** On another container (any request that is not Undertow's) the upgrader declines and touches nothing. */
    @Test
    void requestsOfOtherContainersAreDeclined() throws Exception {
        HttpServletRequest foreign = ForeignRequest.create();
        UndertowConnectionUpgrader upgrader = new UndertowConnectionUpgrader();
        assertFalse(upgrader.upgrade(foreign, null, null, null));
        assertFalse(upgrader.upgrade(new HttpServletRequestWrapper(foreign), null, null, null));
    }
}
