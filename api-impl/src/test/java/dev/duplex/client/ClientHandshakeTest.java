package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.handshake.AcceptKey;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The opening handshake request (RFC 6455 §4.1) and the check of a response against what was sent. */
class ClientHandshakeTest {

    private static String request(ClientHandshake handshake) {
        return StandardCharsets.ISO_8859_1.decode(handshake.requestBytes()).toString();
    }

    private static Map<String, List<String>> accepting(String request, String... extra) {
        Matcher key = Pattern.compile("Sec-WebSocket-Key: (\\S+)").matcher(request);
        assertTrue(key.find(), request);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Upgrade", List.of("websocket"));
        headers.put("Connection", List.of("Upgrade"));
        headers.put("Sec-WebSocket-Accept", List.of(AcceptKey.compute(key.group(1))));
        for (int i = 0; i < extra.length; i += 2) {
            headers.put(extra[i], List.of(extra[i + 1]));
        }
        return headers;
    }

    @Test
    void requestHasEveryRequiredField() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("v2.chat", "v1.chat")).build();
        String request = request(ClientHandshake.prepare(ConnectTarget.of(URI.create("ws://[::1]:81/p?q=1")), config));
        assertTrue(request.startsWith("GET /p?q=1 HTTP/1.1\r\nHost: [::1]:81\r\n"), request);
        assertTrue(request.contains("\r\nUpgrade: websocket\r\n"), request);
        assertTrue(request.contains("\r\nConnection: Upgrade\r\n"), request);
        assertTrue(request.contains("\r\nSec-WebSocket-Version: 13\r\n"), request);
        assertTrue(request.contains("\r\nSec-WebSocket-Protocol: v2.chat, v1.chat\r\n"), request);
        assertTrue(request.matches("(?s).*\r\nSec-WebSocket-Key: [A-Za-z0-9+/]{22}==\r\n.*"), request);
        assertTrue(request.endsWith("\r\n\r\n"), request);
    }

    @Test
    void theCheckUsesWhatBeforeRequestLeft() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("a"))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("sec-websocket-protocol", List.of("b"));
                        headers.put("Authorization", List.of("Bearer t"));
                    }
                }).build();
        ClientHandshake handshake = ClientHandshake.prepare(ConnectTarget.of(URI.create("ws://h/")), config);
        String request = request(handshake);
        assertTrue(request.contains("\r\nAuthorization: Bearer t\r\n"), request);
        assertEquals("b", handshake.check(101, "", accepting(request, "Sec-WebSocket-Protocol", "b")).subprotocol());
        HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                () -> handshake.check(101, "", accepting(request, "Sec-WebSocket-Protocol", "a")));
        assertTrue(e.getMessage().contains("'a', which the client did not offer"), e.getMessage());
    }

    @Test
    void redirectAndServiceUnavailableHints() throws Exception {
        ClientHandshake handshake = ClientHandshake.prepare(ConnectTarget.of(URI.create("ws://h/x")),
                ClientEndpointConfig.Builder.create().build());
        HandshakeFailedException moved = assertThrows(HandshakeFailedException.class, () -> handshake.check(301,
                "Moved Permanently", Map.of("Location", List.of("wss://h/x"))));
        assertTrue(moved.getMessage().contains("HTTP 301 Moved Permanently instead of 101 Switching Protocols"
                + " (a redirect to 'wss://h/x'"), moved.getMessage());
        HandshakeFailedException busy = assertThrows(HandshakeFailedException.class, () -> handshake.check(503, "",
                new TreeMap<>(Map.of("Retry-After", List.of("30")))));
        assertEquals(503, busy.status());
        assertEquals(List.of("30"), busy.headers().get("retry-after"));
        assertTrue(busy.getMessage().contains("Retry-After: 30"), busy.getMessage());
    }

    @Test
    void badSubprotocolNameIsAConfigurationError() {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("has space")).build();
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> ClientHandshake.prepare(ConnectTarget.of(URI.create("ws://h/")), config));
        assertTrue(e.getMessage().contains("subprotocol 'has space' is not a token"), e.getMessage());
    }
}
