package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Threads of a client container: few, shared, daemons, gone after shutdown; a JVM with open sessions still exits. */
class ContainerLifecycleTest {

    private static TomcatPeer tomcat;

    @BeforeAll
    static void startTomcat() throws Exception {
        tomcat = new TomcatPeer();
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        tomcat.close();
    }

    private static List<Thread> threadsOf(WsClientContainer container, String kind) {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(container.name() + "-" + kind) && t.isAlive()) {
                found.add(t);
            }
        }
        return found;
    }

    @Test
    void noThreadBeforeTheFirstConnectAndNoThreadPerConnection() throws Exception {
        WsClientContainer container = new WsClientContainer();
        assertTrue(threadsOf(container, "").isEmpty(), "threads are created lazily");
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sessions.add(container.connectToServer(new ClientProbe(), ClientEndpointConfig.Builder.create().build(),
                    tomcat.uri("/echo")));
        }
        List<Thread> io = threadsOf(container, "io-");
        assertEquals(ClientThreads.defaultIoThreads(), io.size(), "a fixed, shared set of I/O threads: " + io);
        for (Thread t : threadsOf(container, "")) {
            assertTrue(t.isDaemon(), t.getName() + " must be a daemon thread");
        }
        container.shutdown();
        assertTrue(threadsOf(container, "io-").isEmpty(), "I/O threads end at shutdown");
        sessions.forEach(s -> assertFalse(s.isOpen()));
    }

    @Test
    void concurrentConnectsShareOneContainer() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (WsClientContainer container = new WsClientContainer()) {
            List<Future<Session>> sessions = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sessions.add(callers.submit(() -> container.connectToServer(new ClientProbe(),
                        ClientEndpointConfig.Builder.create().build(), tomcat.uri("/echo"))));
            }
            for (Future<Session> session : sessions) {
                assertTrue(session.get(30, TimeUnit.SECONDS).isOpen());
            }
            assertEquals(8, container.getOpenSessions().size());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void shutdownClosesSessionsWithGoingAway() throws Exception {
        WsClientContainer container = new WsClientContainer();
        String id = UUID.randomUUID().toString();
        ClientProbe probe = new ClientProbe();
        container.connectToServer(probe, ClientEndpointConfig.Builder.create().build(), tomcat.uri("/echo?id=" + id));
        container.shutdown();
        CloseReason atServer = PeerEcho.closesOf(id).poll(ClientProbe.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1001, atServer.getCloseCode().getCode());
        assertEquals(1001, probe.awaitClose().getCloseCode().getCode());
        assertTrue(container.getOpenSessions().isEmpty());
        assertThrows(IllegalStateException.class, () -> container.connectToServer(new ClientProbe(),
                ClientEndpointConfig.Builder.create().build(), tomcat.uri("/echo")));
    }

    @Test
    void aJvmWithAnOpenSessionStillExits() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ExitProbe.class.getName(), tomcat.uri("/echo").toString()).redirectErrorStream(true).start();
        try {
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(exited, "the child JVM did not exit while only daemon threads remained");
            assertEquals(0, child.exitValue(), output);
            assertTrue(output.contains("echoed: still open"), output);
        } finally {
            child.destroyForcibly();
        }
    }

    /** Run in a child JVM: connects, echoes once, and returns from main with the session still open. */
    public static final class ExitProbe {
        public static void main(String[] args) throws Exception {
            WsClientContainer container = new WsClientContainer();
            ClientProbe probe = new ClientProbe();
            Session session = container.connectToServer(probe, ClientEndpointConfig.Builder.create().build(),
                    URI.create(args[0]));
            session.getBasicRemote().sendText("still open");
            System.out.println("echoed: " + probe.nextText());
        }
    }
}
