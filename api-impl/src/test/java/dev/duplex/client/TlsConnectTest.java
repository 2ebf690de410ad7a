package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss://} against Jetty's TLS connector with a self-signed certificate for "localhost" (SAN dns:localhost
 * only), which the client trusts through its configuration's {@link SSLContext}.
 */
class TlsConnectTest {

    @TempDir
    static Path dir;
    private static JettyPeer jetty;
    private static SSLContext trusting;
    private final WsClientContainer container = new WsClientContainer();

    @BeforeAll
    static void startJetty() throws Exception {
        Path store = TestCertificates.keyStore(dir, "localhost", "dns:localhost");
        trusting = TestCertificates.trusting(store);
        jetty = new JettyPeer(store, TestCertificates.PASSWORD);
    }

    @AfterAll
    static void stopJetty() throws Exception {
        jetty.close();
    }

    @AfterEach
    void stopContainer() {
        container.shutdown();
    }

    private static ClientEndpointConfig trustingConfig() {
        return ClientEndpointConfig.Builder.create().sslContext(trusting).build();
    }

    @Test
    void echoOverTls() throws Exception {
        ClientProbe probe = new ClientProbe();
        Session session = container.connectToServer(probe, trustingConfig(), jetty.secureUri("localhost", "/echo"));
        assertTrue(session.isSecure());
        session.getBasicRemote().sendText("over TLS");
        assertEquals("over TLS", probe.nextText());
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
        ByteBuffer echoed = probe.nextBinary();
        byte[] received = new byte[echoed.remaining()];
        echoed.get(received);
        assertArrayEquals(data, received);
        session.close();
        assertEquals(1000, probe.awaitClose().getCloseCode().getCode());
    }

    @Test
    void wrongHostNameFails() {
        URI uri = jetty.secureUri("127.0.0.1", "/echo");
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> container.connectToServer(new ClientProbe(), trustingConfig(), uri));
        assertTrue(e.getMessage().contains("cannot connect to " + uri), e.getMessage());
        assertTrue(e.getMessage().contains("not valid for host name '127.0.0.1'"), e.getMessage());
    }

    @Test
    void hostNameCheckCanBeTurnedOff() throws Exception {
        ClientEndpointConfig config = trustingConfig();
        config.getUserProperties().put(ClientProperties.TLS_HOSTNAME_VERIFICATION, false);
        Session session = container.connectToServer(new ClientProbe(), config, jetty.secureUri("127.0.0.1", "/echo"));
        assertTrue(session.isOpen());
        session.close();
    }

    @Test
    void untrustedCertificateFails() {
        URI uri = jetty.secureUri("localhost", "/echo");
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> container.connectToServer(
                new ClientProbe(), ClientEndpointConfig.Builder.create().build(), uri));
        assertTrue(e.getMessage().contains("cannot connect to " + uri), e.getMessage());
        assertTrue(e.getMessage().contains("certificate is not trusted"), e.getMessage());
    }
}
