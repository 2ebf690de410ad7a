package dev.duplex.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.testing.JdkPeer;
import dev.duplex.servlet.testing.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same hand-over over TLS: Jetty gives us its decrypted endpoint. Key store made by keytool for the test. */
class JettyTlsTest {

    @TempDir
    static Path dir;
    private static JettyServer server;
    private static ExecutorService clientThreads;
    private static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        TestTls tls = TestTls.create(dir);
        server = JettyServer.startTls(tls.keyStore, TestTls.PASSWORD, EchoEndpoint.class);
        clientThreads = Executors.newCachedThreadPool();
        https = HttpClient.newBuilder().executor(clientThreads).sslContext(tls.client()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (https instanceof AutoCloseable closeable) { // JDK 21+
                closeable.close();
            }
            if (clientThreads != null) {
                clientThreads.shutdownNow();
            }
        }
    }

    @Test
    void echoesOverTls() throws Exception {
        URI uri = URI.create("wss://127.0.0.1:" + server.port() + "/echo");
        try (JdkPeer client = JdkPeer.connect(https, uri)) {
            client.ws.sendText("secure?", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals("secure=true", client.next());

            byte[] bytes = new byte[1 << 20];
            new Random(7).nextBytes(bytes);
            client.ws.sendBinary(ByteBuffer.wrap(bytes), true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            Object echo = client.next();
            assertTrue(echo instanceof byte[] b && Arrays.equals(bytes, b), "1 MiB not echoed over TLS");

            client.ws.sendText("close-me", true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            String close = client.closed.get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(close.startsWith("1000"), close);
        }
    }
}
