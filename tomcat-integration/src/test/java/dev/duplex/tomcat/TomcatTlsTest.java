package dev.duplex.tomcat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.testing.EchoEndpoint;
import dev.duplex.servlet.testing.JdkPeer;
import dev.duplex.servlet.testing.SlowEndpoint;
import dev.duplex.servlet.testing.TestTls;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct path over TLS: Tomcat's TLS channel under {@link TomcatTransport}. That channel may hold decrypted
 * records the poller cannot see, so the transport must keep reading there until nothing comes. The connector is not
 * marked secure (as behind no proxy with a plain misconfiguration): the transport sees the TLS on the socket.
 */
class TomcatTlsTest {

    @TempDir
    static Path dir;
    private static TomcatServer inline;
    private static TomcatServer executor;
    private static ExecutorService clientThreads;
    private static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        TestTls tls = TestTls.create(dir);
        inline = new TomcatServer(Map.of(), tls, EchoEndpoint.class);
        executor = new TomcatServer(Map.of("duplex.dispatch", "executor"), tls, EchoEndpoint.class,
                SlowEndpoint.class);
        clientThreads = Executors.newCachedThreadPool();
        https = HttpClient.newBuilder().executor(clientThreads).sslContext(tls.client()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        try (TomcatServer a = inline; TomcatServer b = executor) {
            clientThreads.shutdownNow();
        }
    }

    @Test
    void echoesOverTlsOnTheTomcatTransport() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(https, inline.uri("/echo"))) {
            peer.assertCarriedBy("dev.duplex.tomcat.TomcatTransport", "dev.duplex.servlet.ServletTransport");
            peer.assertBinaryEchoes(new Random(13), 0, 1, 125, 65_536, 1 << 20);
            peer.ws.sendText("close-me", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            String close = peer.closed.get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(close.startsWith("1000"), close);
        }
    }

    /** Many messages in flight: one network read brings many TLS records, decrypted one at a time. */
    @Test
    void pipelinedMessagesAreAllAnsweredOverTls() throws Exception {
        for (TomcatServer server : new TomcatServer[] {inline, executor}) {
            try (JdkPeer peer = JdkPeer.connect(https, server.uri("/echo"))) {
                peer.assertPipelinedEchoes(2_000);
            }
        }
    }

    @Test
    void aFloodToASlowEndpointIsReadCompletelyOverTls() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(https, executor.uri("/slow"))) {
            SlowEndpoint.floodAndCheck(peer);
        }
    }
}
