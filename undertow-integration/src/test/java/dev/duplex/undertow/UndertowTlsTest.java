package dev.duplex.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.testing.EchoEndpoint;
import dev.duplex.servlet.testing.JdkPeer;
import dev.duplex.servlet.testing.SlowEndpoint;
import dev.duplex.servlet.testing.TestTls;
import dev.duplex.servlet.testing.UndertowServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct path over TLS: Undertow's TLS conduit under {@link UndertowTransport}, whose reads, pauses and resumes
 * then all happen on the I/O thread while writes come from any thread. Key store made by keytool for the test.
 */
class UndertowTlsTest {

    private static final Set<Class<?>> ENDPOINTS = Set.of(EchoEndpoint.class, SlowEndpoint.class);

    @TempDir
    static Path dir;
    private static UndertowServer executor;
    private static UndertowServer inline;
    private static ExecutorService clientThreads;
    private static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        TestTls tls = TestTls.create(dir);
        executor = new UndertowServer(Map.of(), ENDPOINTS, tls.server());
        inline = new UndertowServer(Map.of("duplex.dispatch", "inline"), ENDPOINTS, tls.server());
        clientThreads = Executors.newCachedThreadPool();
        https = HttpClient.newBuilder().executor(clientThreads).sslContext(tls.client()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        try (UndertowServer a = executor; UndertowServer b = inline) {
            clientThreads.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"executor", "inline"})
    void echoesOverTls(String dispatch) throws Exception {
        UndertowServer server = dispatch.equals("inline") ? inline : executor;
        try (JdkPeer peer = JdkPeer.connect(https, server.uri("/echo"))) {
            assertEquals("secure=true", peer.ask("secure?"));
            Random random = new Random(11);
            peer.assertBinaryEchoes(random, 1, 65_536, EchoEndpoint.MAX_MESSAGE);
            peer.ws.sendText("close-me", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            String close = peer.closed.get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(close.startsWith("1000"), close);
        }
    }

    /** Many messages in flight: one network read brings many TLS records, which the conduit holds decrypted. */
    @ParameterizedTest
    @ValueSource(strings = {"executor", "inline"})
    void pipelinedMessagesAreAllAnsweredOverTls(String dispatch) throws Exception {
        UndertowServer server = dispatch.equals("inline") ? inline : executor;
        try (JdkPeer peer = JdkPeer.connect(https, server.uri("/echo"))) {
            peer.assertPipelinedEchoes(2_000);
        }
    }

    /** Pausing and resuming reading under the TLS conduit, which holds decrypted bytes of its own. */
    @Test
    void aFloodToASlowEndpointIsReadCompletelyOverTls() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(https, executor.uri("/slow"))) {
            SlowEndpoint.floodAndCheck(peer);
        }
    }
}
