package dev.duplex.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.testing.EchoEndpoint;
import dev.duplex.servlet.testing.JdkPeer;
import dev.duplex.servlet.testing.UndertowServer;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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

    private static final String PASSWORD = "duplex-test";
    private static final Set<Class<?>> ENDPOINTS = Set.of(EchoEndpoint.class, SlowEndpoint.class);

    @TempDir
    static Path dir;
    private static UndertowServer executor;
    private static UndertowServer inline;
    private static ExecutorService clientThreads;
    private static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, keytool.exitValue(), () -> "keytool failed, see " + dir.resolve("keytool.log"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        executor = new UndertowServer(Map.of(), ENDPOINTS, serverTls);
        inline = new UndertowServer(Map.of("duplex.dispatch", "inline"), ENDPOINTS, serverTls);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", store.getCertificate("server"));
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(trust);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trusted.getTrustManagers(), null);
        clientThreads = Executors.newCachedThreadPool();
        https = HttpClient.newBuilder().executor(clientThreads).sslContext(clientTls).build();
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
            UndertowDirectTest.assertBinaryEchoes(peer, random, 1, 65_536, EchoEndpoint.MAX_MESSAGE);
            peer.ws.sendText("close-me", true);
            String close = peer.closed.get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(close.startsWith("1000"), close);
        }
    }

    /** Pausing and resuming reading under the TLS conduit, which holds decrypted bytes of its own. */
    @Test
    void aFloodToASlowEndpointIsReadCompletelyOverTls() throws Exception {
        try (JdkPeer peer = JdkPeer.connect(https, executor.uri("/slow"))) {
            UndertowDirectTest.floodAndCheck(peer);
        }
    }
}
