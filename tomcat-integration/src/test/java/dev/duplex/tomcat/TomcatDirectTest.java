package dev.duplex.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.testing.EchoEndpoint;
import dev.duplex.servlet.testing.ForeignRequest;
import dev.duplex.servlet.testing.JdkPeer;
import dev.duplex.servlet.testing.SlowEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Duplex on embedded Tomcat through {@link TomcatConnectionUpgrader}: which transport carries the messages, echoes
 * that fill the socket (Tomcat's write event finishes them), pipelined messages (their replies leave together),
 * a flood that makes Duplex stop and resume reading, and the ends of a connection.
 */
class TomcatDirectTest {

    /** The default, inline dispatch: plain connections are read by a TomcatReadLoop, callbacks on its thread. */
    private static TomcatServer server;
    /** Executor dispatch: plain connections are read by a TomcatReadLoop, callbacks on the pool. */
    private static TomcatServer executor;
    /** Inline dispatch on Tomcat's read events (duplex.tomcat.readLoop=never): callbacks on Tomcat's threads. */
    private static TomcatServer events;
    private static ExecutorService clientThreads;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = new TomcatServer(Map.of(), EchoEndpoint.class, SlowEndpoint.class, HoldingEndpoint.class);
        executor = new TomcatServer(Map.of("duplex.dispatch", "executor"), EchoEndpoint.class, SlowEndpoint.class,
                HoldingEndpoint.class);
        events = new TomcatServer(Map.of(TomcatConnectionUpgrader.READ_LOOP_KEY, "never"), EchoEndpoint.class);
        System.out.println("Tomcat " + org.apache.catalina.util.ServerInfo.getServerNumber());
        clientThreads = Executors.newCachedThreadPool();
        http = HttpClient.newBuilder().executor(clientThreads).build();
    }

    @AfterAll
    static void stop() throws Exception {
        try (TomcatServer a = server; TomcatServer b = executor; TomcatServer c = events) {
            clientThreads.shutdownNow();
        }
    }

    @Test
    void messagesAreReadByTheTomcatTransport() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(http, server.uri("/echo"))) {
            peer.assertCarriedBy("dev.duplex.tomcat.TomcatTransport", "dev.duplex.servlet.ServletTransport");
        }
    }

    /**
     * With executor dispatch a plain connection is read by a loop of Duplex's, which runs on a thread of the
     * application's Duplex pool while it has connections and ends with the last one; callbacks run on that pool.
     */
    @Test
    void withExecutorDispatchALoopOfDuplexReadsAndEndsWithTheLastConnection() throws Exception {
        try (JdkPeer first = JdkPeer.connect(http, executor.uri("/echo"));
                JdkPeer second = JdkPeer.connect(http, executor.uri("/echo"))) {
            for (JdkPeer peer : new JdkPeer[] {first, second}) {
                assertEquals("hello", peer.ask("hello"));
                String thread = (String) peer.ask("thread?");
                assertTrue(thread.startsWith("duplex-"), "callback thread " + thread);
            }
            List<String> loops = readLoopThreads();
            assertFalse(loops.isEmpty(), "no thread runs a read loop");
            assertTrue(loops.stream().allMatch(name -> name.startsWith("duplex-")), "reading threads " + loops);
        }
        awaitNoReadLoop();
        assertEquals(List.of(), readLoopThreads(), "reading threads after the last connection closed");
        try (JdkPeer again = JdkPeer.connect(http, executor.uri("/echo"))) {
            assertEquals("again", again.ask("again"), "a new connection starts a loop again");
        }
    }

    /**
     * With inline dispatch (the default) a read loop reads too, and the callbacks run on the loop's thread as it
     * reads: a {@code duplex-} thread, below the transport that read the message. readLoop=never keeps Tomcat's
     * read events (a Tomcat thread).
     */
    @Test
    void inlineCallbacksRunOnTheReadLoopsThread() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(http, server.uri("/echo"))) {
            peer.assertCarriedBy("dev.duplex.tomcat.TomcatTransport", "dev.duplex.servlet.ServletTransport");
            String thread = (String) peer.ask("thread?");
            assertTrue(thread.startsWith("duplex-"), "callback thread " + thread);
            assertTrue(readLoopThreads().contains(thread), thread + " runs no read loop: " + readLoopThreads());
        }
        try (JdkPeer peer = JdkPeer.connect(http, events.uri("/echo"))) {
            peer.assertCarriedBy("dev.duplex.tomcat.TomcatTransport", "dev.duplex.servlet.ServletTransport");
            String thread = (String) peer.ask("thread?");
            assertFalse(thread.startsWith("duplex-"), "callback thread " + thread);
        }
    }

    /**
     * A callback on the read loop that blocks (until the test has seen its reply): the loop is taken over by another
     * thread, which goes on reading its other connections (on a machine of two or three processors there is one
     * loop, which both connections share). The reply the callback sent before it blocked leaves meanwhile.
     */
    @Test
    void aCallbackThatWaitsForAnotherConnectionsMessageDoesNotHoldUpTheLoop() throws Exception {
        try (TomcatServer own = new TomcatServer(Map.of(), HoldingEndpoint.class, EchoEndpoint.class);
                JdkPeer held = JdkPeer.connect(http, own.uri("/hold"));
                JdkPeer other = JdkPeer.connect(http, own.uri("/echo"))) {
            HoldingEndpoint.seen = new java.util.concurrent.CountDownLatch(1);
            assertEquals("true", awaitOnTheLoop(held), "no callback ran on the read loop");
            held.ws.sendText("one", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals("sent one", held.next(), "the reply waited for the callback that sent it to return");
            assertEquals("hello", other.ask("hello"), "another connection of the loop");
            HoldingEndpoint.seen.countDown();
            assertEquals("released", held.next());
        }
    }

    /**
     * Callbacks that hold up the read loop three times are taken to block: the application's callbacks then run on
     * its pool, and an INFO record says so, naming duplex.dispatch=executor and where the loop was held up. Each
     * callback waits until the test has seen the loop taken over (a DEBUG record), then answers.
     */
    @Test
    void afterThreeHeldUpLoopsCallbacksRunOnThePool() throws Exception {
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(ReadLoopGroup.class.getName());
        java.util.logging.Level level = logger.getLevel();
        logger.setLevel(java.util.logging.Level.FINE); // the hand-overs are logged at DEBUG
        logger.addHandler(capture);
        HoldingEndpoint.gate = new java.util.concurrent.Semaphore(0);
        try (TomcatServer blocking = new TomcatServer(Map.of(), HoldingEndpoint.class);
                JdkPeer peer = JdkPeer.connect(http, blocking.uri("/hold"))) {
            assertEquals("true", awaitOnTheLoop(peer), "no callback ran on the read loop");
            for (int i = 1; i <= ReadLoopGroup.HANDOVERS_TO_POOL; i++) {
                peer.ws.sendText("wait", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JdkPeer.TIMEOUT_S);
                while (handOvers(records) < i && System.nanoTime() < deadline) {
                    Thread.sleep(10); // polling: the log is all that tells of a hand-over
                }
                assertEquals(i, handOvers(records), "hand-overs: " + records);
                HoldingEndpoint.gate.release();
                assertEquals("waited", peer.next());
            }
            assertEquals("false", peer.ask("on the loop?"), "callbacks still run on the loop");
            List<java.util.logging.LogRecord> info = records.stream()
                    .filter(r -> r.getLevel() == java.util.logging.Level.INFO).toList();
            assertEquals(1, info.size(), "INFO records: " + info);
            String message = info.get(0).getMessage();
            assertTrue(message.contains("duplex.dispatch=executor") && message.contains("HoldingEndpoint.message"),
                    message);
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
    }

    private static long handOvers(List<java.util.logging.LogRecord> records) {
        return records.stream().filter(r -> r.getLevel() == java.util.logging.Level.FINE).count();
    }

    /** Asks "on the loop?" until a callback of the session runs on the loop (the open runs elsewhere). */
    private static Object awaitOnTheLoop(JdkPeer peer) throws Exception {
        Object answer = null;
        for (int i = 0; i < 10 && !"true".equals(answer); i++) {
            answer = peer.ask("on the loop?");
        }
        return answer;
    }

    /** duplex.tomcat.readLoop=never keeps Tomcat's read events with executor dispatch too: no loop runs. */
    @Test
    void withTheReadLoopNeverExecutorDispatchKeepsTomcatsReadEvents() throws Exception {
        awaitNoReadLoop(); // those of other tests' connections end after them
        try (TomcatServer never = new TomcatServer(Map.of("duplex.dispatch", "executor",
                TomcatConnectionUpgrader.READ_LOOP_KEY, "never"), EchoEndpoint.class);
                JdkPeer peer = JdkPeer.connect(http, never.uri("/echo"))) {
            assertEquals("hello", peer.ask("hello"));
            String thread = (String) peer.ask("thread?");
            assertTrue(thread.startsWith("duplex-"), "callback thread " + thread);
            assertEquals(List.of(), readLoopThreads(), "reading threads");
        }
    }

    /** A value of duplex.tomcat.readLoop other than auto and never fails the handshake. */
    @Test
    void aMalformedReadLoopValueFailsTheHandshake() throws Exception {
        try (TomcatServer bad = new TomcatServer(Map.of(TomcatConnectionUpgrader.READ_LOOP_KEY, "sometimes"),
                EchoEndpoint.class)) {
            java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> JdkPeer.connect(http, bad.uri("/echo")));
            assertTrue(e.getCause() instanceof java.net.http.WebSocketHandshakeException, e.toString());
        }
    }

    /**
     * With inline dispatch on the read loop, a flood to an endpoint that takes 1 ms per message makes the loop pause
     * and resume reading, losing nothing.
     */
    @Test
    void aFloodToASlowEndpointOnTheInlineLoopIsReadCompletely() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(http, server.uri("/slow"))) {
            SlowEndpoint.floodAndCheck(peer);
        }
    }

    /** Waits (at most {@link JdkPeer#TIMEOUT_S}) until no thread runs a {@link TomcatReadLoop}. */
    private static void awaitNoReadLoop() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JdkPeer.TIMEOUT_S);
        while (!readLoopThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling: nothing tells the test when a pool thread finished its task
        }
    }

    /** The threads running a {@link TomcatReadLoop} now. */
    private static List<String> readLoopThreads() {
        List<String> names = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().equals(TomcatReadLoop.class.getName())
                        && frame.getMethodName().equals("serve")) {
                    names.add(thread.getName());
                    return;
                }
            }
        });
        return names;
    }

    @Test
    void theKeySetToFalseKeepsThePortableServletPath() throws Exception {
        try (TomcatServer portable = new TomcatServer(Map.of(TomcatConnectionUpgrader.ENABLED_KEY, "false"),
                EchoEndpoint.class); JdkPeer peer = JdkPeer.connect(http, portable.uri("/echo"))) {
            peer.assertCarriedBy("dev.duplex.servlet.ServletTransport", "dev.duplex.tomcat.TomcatTransport");
        }
    }

    @Test
    void echoesEverySizeUpToRepliesThatFillTheSocket() throws Exception {
        Random random = new Random(7);
        for (TomcatServer s : new TomcatServer[] {server, executor, events}) {
            try (JdkPeer peer = JdkPeer.connect(http, s.uri("/echo"))) {
                peer.assertBinaryEchoes(random, 0, 1, 125, 126, 65_535, 65_536, 1 << 20, EchoEndpoint.MAX_MESSAGE);
                String text = "ü€".repeat(300_000); // 1.5 MB of UTF-8
                assertEquals(text, peer.ask(text));
            }
        }
    }

    /**
     * Many messages in one TCP segment, behind the handshake: each gets its reply, in order (with inline dispatch
     * they leave Tomcat in one write; with executor dispatch the read loop finds them in Tomcat's buffer).
     */
    @Test
    void pipelinedMessagesAreAllAnsweredInOrder() throws Exception {
        for (TomcatServer s : new TomcatServer[] {server, executor, events}) {
            assertPipelinedReplies(s);
        }
    }

    private static void assertPipelinedReplies(TomcatServer target) throws Exception {
        int count = 500;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", target.port()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: ZHVwbGV4LXRvbWNhdC1rZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < count; i++) {
                request.writeBytes(maskedText("message " + i));
            }
            out.write(request.toByteArray()); // the handshake and every message in one write
            out.flush();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            for (int i = 0; i < count; i++) {
                assertEquals(0x81, in.readUnsignedByte(), "reply " + i + " is no final text frame");
                byte[] payload = new byte[in.readUnsignedByte()];
                in.readFully(payload);
                assertEquals("message " + i, new String(payload, StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * 12 MB sent to an endpoint that takes 1 ms per message (executor dispatch: the read loop pauses): Duplex pauses
     * reading and resumes, losing nothing.
     */
    @Test
    void aFloodToASlowEndpointIsReadCompletelyAfterPauses() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(http, executor.uri("/slow"))) {
            SlowEndpoint.floodAndCheck(peer);
        }
    }

    /**
     * With executor dispatch a burst of callbacks holds its replies back to write them together; a callback that
     * blocks after replying must not hold its reply back with it: the read loop flushes it.
     */
    @Test
    void aReplyLeavesWhileTheCallbackThatSentItBlocks() throws Exception {
        HoldingEndpoint.seen = new java.util.concurrent.CountDownLatch(1);
        try (JdkPeer peer = JdkPeer.connect(http, executor.uri("/hold"))) {
            peer.ws.sendText("one", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            Object first = peer.next();
            HoldingEndpoint.seen.countDown();
            assertEquals("sent one", first, "the reply waited for the callback that sent it to return");
            assertEquals("released", peer.next());
        }
    }

    @Test
    void aServerCloseCompletesTheHandshakeAndEndsTheSession() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(http, server.uri("/echo"))) {
            String id = (String) peer.ask("id?");
            peer.ws.sendText("close-me", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(peer.closed.get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS).startsWith("1000"));
            String close = EchoEndpoint.closes.get(id).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals("1000 server closes", close);
        }
    }

    @Test
    void aVanishedClientEndsItsServerSessionWith1006() throws Exception {
        String id;
        try (JdkPeer peer = JdkPeer.connect(http, server.uri("/echo"))) {
            id = (String) peer.ask("id?");
        } // aborted: the TCP connection ends without a close frame
        String close = EchoEndpoint.closes.get(id).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
        assertTrue(close.startsWith("1006"), close);
    }

    /** On another container (any request that is not Tomcat's) the upgrader declines and touches nothing. */
    @Test
    void requestsOfOtherContainersAreDeclined() throws Exception {
        HttpServletRequest foreign = ForeignRequest.create();
        TomcatConnectionUpgrader upgrader = new TomcatConnectionUpgrader();
        assertFalse(upgrader.upgrade(foreign, null, null, null));
        assertFalse(upgrader.upgrade(new HttpServletRequestWrapper(foreign), null, null, null));
    }

    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {7, 1, 9, 3};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    private static String readHead(DataInputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }
}
