package dev.duplex.tck.handshake;

import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Headers that {@code modifyHandshake} puts in the {@code HandshakeResponse} reach the wire (read with a raw
 * socket: the JDK client does not expose response headers), beside the RFC 6455 ones.
 */
@ExtendWith(ArquillianExtension.class)
class HandshakeResponseIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("handshake-response", ResponseHeaderEndpoint.class,
                ResponseHeaderConfigurator.class);
    }

    /**
     * Javadoc 210 (custom configurations modify the response the server formulated), javadoc 77 (the response's
     * headers are those the server sends), WSC-4.1.5-1 (the annotation's configurator is used).
     */
    @Test
    void headersAddedInModifyHandshakeReachTheWire() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, "/response-headers")) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertEquals(List.of("one"), ws.headers("X-Duplex-Single"), "headers " + ws.headers());
            assertEquals("first,second", String.join(",", ws.headers("X-Duplex-Multi")).replace(" ", ""),
                    "headers " + ws.headers());
            ws.readText();
        }
    }

    /** RFC 6455 §4.2.2: the 101 carries Upgrade, Connection and the accept value of the client's key. */
    @Test
    void switchingProtocolsResponseCarriesTheRfc6455Headers() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, "/response-headers")) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertEquals("websocket", ws.header("Upgrade").toLowerCase(java.util.Locale.ROOT));
            assertEquals("upgrade", ws.header("Connection").toLowerCase(java.util.Locale.ROOT));
            assertEquals(RawWebSocket.ACCEPT, ws.header("Sec-WebSocket-Accept"));
            ws.readText();
        }
    }

    /**
     * Javadoc 210: when {@code modifyHandshake} runs, the container has already filled in the negotiated
     * subprotocol.
     */
    @Test
    void negotiatedSubprotocolIsInTheResponseBeforeModifyHandshake() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, "/response-headers", "Sec-WebSocket-Protocol: chat")) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertEquals("chat", ws.header("Sec-WebSocket-Protocol"));
            assertEquals("protocolBefore=[chat];extensions=[]", ws.readText());
        }
    }

    /**
     * WSC-3.1.3-1, javadoc 208: the default configuration selects only the requested extensions it supports; an
     * unknown one is not accepted (no {@code Sec-WebSocket-Extensions} in the response, RFC 6455 §9.1) and the
     * session has no extension (javadoc 135).
     */
    @Test
    void unsupportedExtensionIsNotNegotiated() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, "/response-headers",
                "Sec-WebSocket-Extensions: x-duplex-unknown; level=1")) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertEquals(List.of(), ws.headers("Sec-WebSocket-Extensions"), "headers " + ws.headers());
            assertEquals("protocolBefore=null;extensions=[]", ws.readText());
        }
    }
}
