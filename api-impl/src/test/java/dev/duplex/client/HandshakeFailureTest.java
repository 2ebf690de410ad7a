package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a connect can fail, each with the message a user reads: it names the URI and what went wrong.
 */
class HandshakeFailureTest {

    private static TomcatPeer tomcat;
    private final WsClientContainer container = new WsClientContainer();

    @BeforeAll
    static void startTomcat() throws Exception {
        tomcat = new TomcatPeer();
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        tomcat.close();
    }

    @AfterEach
    void stopContainer() {
        container.shutdown(200);
    }

    private static ClientEndpointConfig config() {
        return ClientEndpointConfig.Builder.create().build();
    }

    private static void assertMentions(Throwable failure, String... parts) {
        for (String part : parts) {
            assertTrue(failure.getMessage().contains(part), "message should mention '" + part + "': "
                    + failure.getMessage());
        }
    }

    @Test
    void refusedConnection() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        URI uri = URI.create("ws://127.0.0.1:" + port + "/echo");
        ConnectException e = assertThrows(ConnectException.class,
                () -> container.connectToServer(new ClientProbe(), config(), uri));
        assertMentions(e, "cannot connect to " + uri, "refused", "127.0.0.1:" + port);
    }

    @Test
    void handshakeTimeoutIsBoundedByTheUserProperty() throws Exception {
        try (RawServer silent = RawServer.silent()) {
            ClientEndpointConfig config = config();
            config.getUserProperties().put(ClientProperties.CONNECT_TIMEOUT_MILLIS, 300);
            URI uri = silent.uri("/echo");
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> container.connectToServer(new ClientProbe(), config, uri));
            assertMentions(e, "cannot connect to " + uri, "within 300 ms", "waiting for the server's handshake response",
                    ClientProperties.CONNECT_TIMEOUT_MILLIS);
            assertTrue(silent.requests.poll(5, TimeUnit.SECONDS).startsWith("GET /echo HTTP/1.1\r\n"));
        }
    }

    @Test
    void notFound() {
        URI uri = tomcat.uri("/no-such-endpoint");
        HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                () -> container.connectToServer(new ClientProbe(), config(), uri));
        assertEquals(404, e.status());
        assertEquals(uri, e.uri());
        assertMentions(e, "cannot connect to " + uri, "HTTP 404", "instead of 101",
                "is there a WebSocket endpoint at /no-such-endpoint?");
    }

    @Test
    void forbidden() {
        URI uri = tomcat.uri("/forbidden");
        HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                () -> container.connectToServer(new ClientProbe(), config(), uri));
        assertEquals(403, e.status());
        assertMentions(e, "cannot connect to " + uri, "HTTP 403", "refused the upgrade");
    }

    @Test
    void badAcceptKey() throws Exception {
        try (RawServer server = new RawServer((head, key, out) -> out.write(("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: bm90IHRoZSByaWdodCBrZXk=\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)))) {
            URI uri = server.uri("/echo");
            HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                    () -> container.connectToServer(new ClientProbe(), config(), uri));
            assertEquals(101, e.status());
            assertMentions(e, "cannot connect to " + uri, "Sec-WebSocket-Accept 'bm90IHRoZSByaWdodCBrZXk='",
                    "does not match the key sent");
        }
    }

    @Test
    void subprotocolTheClientDidNotOffer() throws Exception {
        try (RawServer server = new RawServer(RawServer.switching("Sec-WebSocket-Protocol: evil\r\n"))) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .preferredSubprotocols(List.of("chat.v1")).build();
            URI uri = server.uri("/echo");
            HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                    () -> container.connectToServer(new ClientProbe(), config, uri));
            assertMentions(e, "cannot connect to " + uri, "subprotocol 'evil'", "did not offer");
        }
    }

    @Test
    void acceptedExtensionTheClientCannotRun() throws Exception {
        try (RawServer server = new RawServer(RawServer.switching("Sec-WebSocket-Extensions: permessage-deflate\r\n"))) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .extensions(List.of(extension("permessage-deflate", "client_max_window_bits", null),
                            extension("x-second", "level", "3")))
                    .build();
            URI uri = server.uri("/echo");
            HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                    () -> container.connectToServer(new ClientProbe(), config, uri));
            assertMentions(e, "cannot connect to " + uri, "accepted extension 'permessage-deflate'",
                    "cannot run", "ClientEndpointConfig.getExtensions()");
            String request = server.requests.poll(5, TimeUnit.SECONDS);
            assertTrue(request.contains("\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits,"
                    + " x-second; level=3\r\n"), "extensions offered in order, as configured: " + request);
        }
    }

    @Test
    void acceptedExtensionTheClientDidNotOffer() throws Exception {
        try (RawServer server = new RawServer(RawServer.switching("Sec-WebSocket-Extensions: x-unasked\r\n"))) {
            URI uri = server.uri("/echo");
            HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                    () -> container.connectToServer(new ClientProbe(), config(), uri));
            assertMentions(e, "cannot connect to " + uri, "extension 'x-unasked'", "did not offer");
        }
    }

    @Test
    void serverClosesWithoutAnswering() throws Exception {
        try (RawServer server = new RawServer((head, key, out) -> out.close())) {
            URI uri = server.uri("/echo");
            IOException e = assertThrows(IOException.class,
                    () -> container.connectToServer(new ClientProbe(), config(), uri));
            assertTrue(e.getCause() instanceof EOFException, String.valueOf(e.getCause()));
            assertMentions(e, "cannot connect to " + uri, "closed the connection before the WebSocket handshake"
                    + " response was complete");
        }
    }

    @Test
    void notHttp() throws Exception {
        try (RawServer server = new RawServer((head, key, out) -> out.write("SSH-2.0-OpenSSH\r\n\r\n".getBytes(
                StandardCharsets.ISO_8859_1)))) {
            URI uri = server.uri("/echo");
            IOException e = assertThrows(IOException.class,
                    () -> container.connectToServer(new ClientProbe(), config(), uri));
            assertMentions(e, "cannot connect to " + uri, "not an HTTP/1.1 response", "SSH-2.0-OpenSSH");
        }
    }

    @Test
    void schemeMustBeWsOrWss() {
        URI uri = URI.create("http://127.0.0.1:1/echo");
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> container.connectToServer(new ClientProbe(), config(), uri));
        assertMentions(e, "cannot connect to " + uri, "ws or wss");
    }

    @Test
    void headerInjectionFromBeforeRequestIsRefused() {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(java.util.Map<String, List<String>> headers) {
                        headers.put("X-Evil", List.of("a\r\nHost: elsewhere"));
                    }
                }).build();
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> container.connectToServer(new ClientProbe(), config, tomcat.uri("/echo")));
        assertMentions(e, "X-Evil", "CR, LF");
    }

    private static Extension extension(String name, String parameter, String value) {
        return new Extension() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public List<Parameter> getParameters() {
                return List.of(new Parameter() {
                    @Override
                    public String getName() {
                        return parameter;
                    }

                    @Override
                    public String getValue() {
                        return value;
                    }
                });
            }
        };
    }
}
