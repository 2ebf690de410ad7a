package dev.duplex.tck.deploy;

import dev.duplex.tck.handshake.Clients;
import dev.duplex.tck.handshake.RawWebSocket;
import dev.duplex.tck.handshake.Reports;
import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketEvent.Text;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.WebSocket;
import java.util.Map;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An annotated endpoint using every {@code @ServerEndpoint} attribute is deployed with all of them honoured. */
@ExtendWith(ArquillianExtension.class)
class AnnotatedEndpointAttributesIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("deploy-annotated", FullEndpoint.class, FullConfigurator.class, Point.class,
                PointDecoder.class, PointEncoder.class);
    }

    /**
     * WSC-4.1-1, WSC-6.2-1, WSC-6.2-3 (the scanned annotated endpoint is deployed), WSC-4.1.1-2 and javadoc 192
     * (value: a template relative to the context root), WSC-4.1.4-1 and javadoc 191 (subprotocols), WSC-4.1.5-1 and
     * javadoc 188 (configurator), javadoc 194, 196, 197 (the ServerEndpointConfig of an annotated endpoint: its class,
     * path and subprotocols), javadoc 70, 71 (its decoders and encoders).
     */
    @Test
    void everyAttributeShapesTheDeployedEndpoint() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Clients.connect(base, "/full/lobby", listener, "v3", "v2");
        Map<String, String> r = Reports.lines(listener.next(Text.class).text());

        assertEquals("lobby", r.get("room"), "report " + r);
        assertEquals("v2", r.get("subprotocol"), "report " + r);
        assertEquals("v2", ws.getSubprotocol());
        assertEquals("by FullConfigurator", r.get("configured"), "report " + r);
        assertEquals("/full/{room}", r.get("path"), "report " + r);
        assertEquals(FullEndpoint.class.getName(), r.get("endpointClass"), "report " + r);
        assertEquals("[v1, v2]", r.get("subprotocols"), "report " + r);
        assertEquals("[" + PointDecoder.class + "]", r.get("decoders"), "report " + r);
        assertEquals("[" + PointEncoder.class + "]", r.get("encoders"), "report " + r);
        assertEquals(FullConfigurator.class.getName(), r.get("configuratorClass"), "report " + r);
        Clients.closeNormally(ws, listener);
    }

    /**
     * WSC-4.1.3-1 and javadoc 189 (the declared decoder turns the text into the method's type), WSC-4.1.2-1 and
     * javadoc 190 (the declared encoder turns the returned object into text).
     */
    @Test
    void declaredDecoderAndEncoderAreUsed() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Clients.connect(base, "/full/x", listener);
        listener.next(Text.class, "the open report");

        await(ws.sendText("3,4", true));
        assertEquals("Point(6,8)", listener.next(Text.class).text());
        Clients.closeNormally(ws, listener);
    }

    /** WSC-4.1.5-1, javadoc 210: the configurator's {@code modifyHandshake} shaped the response on the wire. */
    @Test
    void configuratorModifiesTheHandshakeResponse() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, "/full/y")) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertEquals("yes", ws.header("X-Full"), "headers " + ws.headers());
            ws.readText();
        }
    }
}
