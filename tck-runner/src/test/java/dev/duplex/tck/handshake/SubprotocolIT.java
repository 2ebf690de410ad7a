package dev.duplex.tck.handshake;

import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketEvent.Text;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URL;
import java.net.http.WebSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Subprotocol negotiation by the default configurator.
 *
 * <p>Note: the spec text (WSC-3.1.2-1) says the default picks "the first subprotocol in the list it [the server]
 * supports that is contained within the list provided by the client", while the {@code Configurator} javadoc
 * (javadoc 209) says "the first subprotocol in the list sent by the client that the server supports". They differ
 * when both lists hold several common entries in different orders; these tests follow the javadoc (the client's
 * order), as Duplex does and as RFC 6455 §4.2.2 (the client lists "in order of preference") suggests.
 */
@ExtendWith(ArquillianExtension.class)
class SubprotocolIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("handshake-subprotocols", ProtocolEndpoint.class, NoProtocolEndpoint.class,
                ConfiguredProtocolEndpoint.class, HeaderOnlyConfigurator.class);
    }

    /**
     * Javadoc 209 (the first of the client's list that the server supports), WSC-4.1.4-1 and javadoc 191 (the
     * annotation's subprotocols are used), javadoc 136 ({@code Session.getNegotiatedSubprotocol}); the JDK client
     * reads the {@code Sec-WebSocket-Protocol} response header.
     */
    @ParameterizedTest(name = "client offers {0} -> {1}")
    @CsvSource({"beta;alpha, beta", "gamma, gamma", "zeta;gamma;alpha, gamma", "alpha;beta;gamma, alpha"})
    void defaultConfiguratorPicksTheClientsFirstSupportedSubprotocol(String offered, String expected)
            throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Clients.connect(base, "/proto", listener, offered.split(";"));

        assertEquals(expected, ws.getSubprotocol(), "Sec-WebSocket-Protocol of the response");
        assertEquals("[" + expected + "]", listener.next(Text.class).text(), "Session.getNegotiatedSubprotocol()");
        Clients.closeNormally(ws, listener);
    }

    /** RFC 6455 §4.2.2 on the wire: one Sec-WebSocket-Protocol header naming the chosen subprotocol. Javadoc 209. */
    @Test
    void responseHeaderNamesTheChosenSubprotocol() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, "/proto", "Sec-WebSocket-Protocol: delta, beta, alpha")) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertEquals("beta", ws.header("Sec-WebSocket-Protocol"));
            assertEquals(1, ws.headers("Sec-WebSocket-Protocol").size(), "headers " + ws.headers());
            assertEquals("[beta]", ws.readText());
        }
    }

    /**
     * WSC-3.1.2-1, javadoc 209, 136: no common subprotocol → the handshake succeeds without a
     * {@code Sec-WebSocket-Protocol} header and the session's subprotocol is the empty string.
     */
    @Test
    void noCommonSubprotocolMeansNoHeaderAndEmptyString() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, "/proto", "Sec-WebSocket-Protocol: zeta, eta")) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertNull(ws.header("Sec-WebSocket-Protocol"), "headers " + ws.headers());
            assertEquals("[]", ws.readText());
        }
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Clients.connect(base, "/proto", listener, "zeta");
        assertEquals("", ws.getSubprotocol());
        assertEquals("[]", listener.next(Text.class).text());
        Clients.closeNormally(ws, listener);
    }

    /** Javadoc 136, 197: an endpoint without subprotocols negotiates none; no offer, no subprotocol either. */
    @Test
    void noSubprotocolWhenEitherSideHasNone() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, "/no-proto", "Sec-WebSocket-Protocol: alpha")) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertNull(ws.header("Sec-WebSocket-Protocol"), "headers " + ws.headers());
            assertEquals("[]", ws.readText());
        }
        try (RawWebSocket ws = RawWebSocket.open(base, "/proto")) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertNull(ws.header("Sec-WebSocket-Protocol"), "headers " + ws.headers());
            assertEquals("[]", ws.readText());
        }
    }

    /**
     * WSC-4.1.5-1 (the annotation's configurator is used) and javadoc 211/209: a custom configurator that does not
     * override {@code getNegotiatedSubprotocol} gets the platform default's negotiation through the API base class.
     */
    @Test
    void customConfiguratorInheritsTheDefaultNegotiation() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, "/configured-proto", "Sec-WebSocket-Protocol: gamma, beta")) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertEquals("header-only", ws.header("X-Configured"), "headers " + ws.headers());
            assertEquals("gamma", ws.header("Sec-WebSocket-Protocol"), "headers " + ws.headers());
            assertEquals("[gamma]", ws.readText());
        }
    }
}
