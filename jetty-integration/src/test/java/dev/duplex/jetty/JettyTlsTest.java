package dev.duplex.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.testing.JdkPeer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same hand-over over TLS: Jetty gives us its decrypted endpoint. Key store made by keytool for the test. */
class JettyTlsTest {

    private static final String PASSWORD = "duplex-test";

    @TempDir
    static Path dir;
    private static JettyServer server;
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
        assertEquals(0, keytool.exitValue(), () -> "keytool failed: " + read(dir.resolve("keytool.log")));

        server = JettyServer.startTls(keyStore, PASSWORD, EchoEndpoint.class);
        clientThreads = Executors.newCachedThreadPool();
        https = HttpClient.newBuilder().executor(clientThreads).sslContext(trusting(keyStore)).build();
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
            client.ws.sendText("secure?", true);
            assertEquals("secure=true", client.next());

            byte[] bytes = new byte[1 << 20];
            new Random(7).nextBytes(bytes);
            client.ws.sendBinary(ByteBuffer.wrap(bytes), true).get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            Object echo = client.next();
            assertTrue(echo instanceof byte[] b && Arrays.equals(bytes, b), "1 MiB not echoed over TLS");

            client.ws.sendText("close-me", true);
            String close = client.closed.get(JdkPeer.TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(close.startsWith("1000"), close);
        }
    }

    /** A client context that trusts exactly the test server's certificate. */
    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            server.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", server.getCertificate("server"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
