package dev.duplex.servlet.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The server's side of the opening handshake over raw HTTP/1.1, RFC 6455 §4.2. */
class HandshakeConformanceTest extends ConformanceTestBase {

    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    @Override
    ServerFixture server() {
        return SERVER;
    }

    private Map<String, String> validHeaders(String key) {
        return Handshake.validHeaders(SERVER.port(), key);
    }

    /** Sends one request and returns the response head (the connection is closed afterwards). */
    private HttpHead exchange(SplitMode mode, String path, Map<String, String> headers) throws IOException {
        try (RawClient client = RawClient.connect(SERVER.port(), mode)) {
            client.send(Handshake.request(path, headers));
            return client.readHttpHead();
        }
    }

    /**
     * RFC 6455 §4.2.2 step 5: 101 with {@code Upgrade: websocket}, {@code Connection: Upgrade} and
     * {@code Sec-WebSocket-Accept} = Base64(SHA-1(key + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11)), computed here.
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void validRequest_answers101WithCorrectAcceptKey(SplitMode mode) throws IOException {
        String key = Handshake.newKey(16);
        HttpHead head = exchange(mode, "/echo", validHeaders(key));
        assertEquals(101, head.status(), head::toString);
        assertEquals(Handshake.expectedAccept(key), head.header("Sec-WebSocket-Accept"), head::toString);
        assertEquals("websocket", lower(head.header("Upgrade")), head::toString);
        assertTrue(lower(head.header("Connection")).contains("upgrade"), head::toString);
        assertNull(head.header("Sec-WebSocket-Extensions"), "no extension was offered: " + head);
        assertNull(head.header("Sec-WebSocket-Protocol"), "no subprotocol was offered: " + head);
    }

    /**
     * RFC 6455 §4.2.1 items 3 and 4: {@code Upgrade} is matched case-insensitively and {@code Connection} is a
     * token list that includes "Upgrade"; the upgraded connection then echoes.
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void connectionTokenListAndMixedCaseUpgrade_answers101(SplitMode mode) throws IOException {
        String key = Handshake.newKey(16);
        Map<String, String> headers = validHeaders(key);
        headers.put("Upgrade", "WebSocket");
        headers.put("Connection", "keep-alive, Upgrade");
        try (RawClient client = RawClient.connect(SERVER.port(), mode)) {
            client.send(Handshake.request("/echo", headers));
            HttpHead head = client.readHttpHead();
            assertEquals(101, head.status(), head::toString);
            assertEquals(Handshake.expectedAccept(key), head.header("Sec-WebSocket-Accept"), head::toString);
            assertTextEcho(client, "upgraded");
        }
    }

    /**
     * RFC 6455 §4.2.2 ("If this version does not match a version understood by the server, the server MUST abort
     * ... and send an appropriate HTTP error code (such as 426 Upgrade Required) and a |Sec-WebSocket-Version| header
     * field indicating the version(s) the server is capable of understanding"), §4.4.
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void version8_answers426NamingVersion13(SplitMode mode) throws IOException {
        Map<String, String> headers = validHeaders(Handshake.newKey(16));
        headers.put("Sec-WebSocket-Version", "8");
        HttpHead head = exchange(mode, "/echo", headers);
        assertEquals(426, head.status(), head::toString);
        String versions = head.header("Sec-WebSocket-Version");
        assertNotNull(versions, () -> "426 without Sec-WebSocket-Version: " + head);
        assertTrue(Arrays.stream(versions.split(",")).map(String::trim).anyMatch("13"::equals), head::toString);
    }

    static Stream<Arguments> badKeys() {
        return crossModes("15 bytes", "17 bytes", "missing");
    }

    /** RFC 6455 §4.2.1 item 5: the key MUST be Base64 of 16 bytes; otherwise 400 Bad Request (§4.2.1 end). */
    @ParameterizedTest(name = "{0} key {1}")
    @MethodSource("badKeys")
    void keyNotSixteenBytes_answers400(SplitMode mode, String kind) throws IOException {
        Map<String, String> headers = validHeaders("placeholder");
        switch (kind) {
            case "15 bytes" -> headers.put("Sec-WebSocket-Key", Handshake.newKey(15));
            case "17 bytes" -> headers.put("Sec-WebSocket-Key", Handshake.newKey(17));
            default -> headers.remove("Sec-WebSocket-Key");
        }
        HttpHead head = exchange(mode, "/echo", headers);
        assertEquals(400, head.status(), head::toString);
    }

    /** RFC 6455 §4.2.1 item 4: {@code Connection} MUST include "Upgrade"; without it, 400 Bad Request. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void missingConnectionUpgrade_answers400(SplitMode mode) throws IOException {
        Map<String, String> headers = validHeaders(Handshake.newKey(16));
        headers.remove("Connection");
        HttpHead head = exchange(mode, "/echo", headers);
        assertEquals(400, head.status(), head::toString);
    }

    /** RFC 6455 §4.2.1 (the Request-URI names a resource the server serves): no endpoint, no upgrade; Tomcat 404s. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void upgradeToPathWithoutEndpoint_answers404(SplitMode mode) throws IOException {
        HttpHead head = exchange(mode, "/no-such-endpoint", validHeaders(Handshake.newKey(16)));
        assertEquals(404, head.status(), head::toString);
    }

    /** RFC 6455 §4.2.1: a plain GET (no Upgrade) to an endpoint's path is ordinary HTTP, never a 101. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void plainGetToEndpointPath_isNotUpgraded(SplitMode mode) throws IOException {
        Map<String, String> headers = Map.of("Host", "127.0.0.1:" + SERVER.port(), "Connection", "close");
        HttpHead head = exchange(mode, "/echo", headers);
        assertNotEquals(101, head.status(), head::toString);
        assertTrue(head.status() < 500, () -> "a plain GET should not fail on the server: " + head);
        assertNull(head.header("Sec-WebSocket-Accept"), head::toString);
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
