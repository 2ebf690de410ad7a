package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.DeploymentException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 6455 §3 URIs: default ports, IPv6 literals, request targets with query strings. */
class ConnectTargetTest {

    private static ConnectTarget of(String uri) throws DeploymentException {
        return ConnectTarget.of(URI.create(uri));
    }

    @Test
    void defaultPorts() throws Exception {
        ConnectTarget ws = of("ws://example.com/chat");
        assertFalse(ws.secure());
        assertEquals(80, ws.port());
        assertEquals("example.com", ws.hostHeader());
        ConnectTarget wss = of("WSS://example.com");
        assertTrue(wss.secure());
        assertEquals(443, wss.port());
        assertEquals("example.com", wss.hostHeader());
        assertEquals("/", wss.requestTarget());
    }

    @Test
    void explicitPortGoesIntoTheHostHeader() throws Exception {
        assertEquals("example.com:8080", of("ws://example.com:8080/").hostHeader());
        assertEquals("example.com:80", of("wss://example.com:80/").hostHeader());
    }

    @Test
    void ipv6Literal() throws Exception {
        ConnectTarget target = of("ws://[::1]:9000/a?b=c");
        assertEquals("::1", target.host());
        assertEquals("[::1]:9000", target.hostHeader());
        assertEquals("[::1]:9000", target.authority());
        assertEquals("[2001:db8::7]", of("wss://[2001:db8::7]/").hostHeader());
    }

    @Test
    void requestTargetKeepsTheRawPathAndQueryAndDropsTheFragment() throws Exception {
        ConnectTarget target = of("ws://h/a%20b/c?x=1&y=%2F&x=2#frag");
        assertEquals("/a%20b/c?x=1&y=%2F&x=2", target.requestTarget());
        assertEquals(Map.of("x", List.of("1", "2"), "y", List.of("/")), target.parameters());
        assertEquals("/?q", of("ws://h?q").requestTarget());
    }

    @Test
    void refusesWhatIsNotAWebSocketUri() {
        assertTrue(assertThrows(DeploymentException.class, () -> of("https://h/")).getMessage()
                .contains("the scheme must be ws or wss, not 'https'"));
        assertTrue(assertThrows(DeploymentException.class, () -> of("ws:opaque")).getMessage()
                .contains("names no host"));
        assertThrows(DeploymentException.class, () -> ConnectTarget.of(null));
    }
}
