package dev.duplex.tck.programmatic;

import dev.duplex.tck.deploy.Point;
import dev.duplex.tck.deploy.PointDecoder;
import dev.duplex.tck.deploy.PointEncoder;
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

/**
 * A programmatic {@code Endpoint} deployed through a {@code ServerApplicationConfig} with a configuration built by
 * {@code ServerEndpointConfig.Builder}: every attribute of the builder is honoured.
 */
@ExtendWith(ArquillianExtension.class)
class ProgrammaticEndpointIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("programmatic-builder", PointsConfig.class, PointsEndpoint.class,
                PointsConfigurator.class, Point.class, PointDecoder.class, PointEncoder.class);
    }

    /**
     * WSC-6.2-5, javadoc 183 (deployed from getEndpointConfigs), 198 and 200 (Builder.create/build: class and template
     * path), 204 (subprotocols: negotiated per javadoc 209), 199 (configurator used), 201/202 (decoders, encoders),
     * 203/195 (no extensions), 194 and 196 (the configuration's endpoint class and path), 72 and spec §3.1.5 (the
     * configuration's user properties seed the session's).
     */
    @Test
    void builderAttributesShapeTheDeployedEndpoint() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Clients.connect(base, "/points/ann", listener, "p2", "p1");
        Map<String, String> r = Reports.lines(listener.next(Text.class).text());

        assertEquals("ann", r.get("owner"), "report " + r);
        assertEquals("p2", r.get("subprotocol"), "report " + r);
        assertEquals("p2", ws.getSubprotocol());
        assertEquals("builder", r.get("label"), "report " + r);
        assertEquals("yes", r.get("configured"), "report " + r);
        assertEquals("/points/{owner}", r.get("path"), "report " + r);
        assertEquals(PointsEndpoint.class.getName(), r.get("endpointClass"), "report " + r);
        assertEquals("[p1, p2]", r.get("subprotocols"), "report " + r);
        assertEquals("[]", r.get("extensions"), "report " + r);
        assertEquals("[" + PointDecoder.class + "]", r.get("decoders"), "report " + r);
        assertEquals("[" + PointEncoder.class + "]", r.get("encoders"), "report " + r);
        assertEquals(PointsConfigurator.class.getName(), r.get("configuratorClass"), "report " + r);
        Clients.closeNormally(ws, listener);
    }

    /**
     * WSC-3-1 (the configuration's decoders and encoders translate messages), javadoc 201, 202: a text message
     * reaches a {@code MessageHandler.Whole<Point>} decoded; {@code sendObject(Point)} goes out encoded.
     */
    @Test
    void configuredDecoderAndEncoderAreUsed() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Clients.connect(base, "/points/bob", listener);
        listener.next(Text.class, "the open report");

        await(ws.sendText("1,2", true));
        assertEquals("Point(2,4)", listener.next(Text.class).text());
        Clients.closeNormally(ws, listener);
    }

    /** Javadoc 199, 210: the builder's configurator instance modifies the handshake response on the wire. */
    @Test
    void builderConfiguratorModifiesTheHandshake() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, "/points/carl")) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertEquals("yes", ws.header("X-Programmatic"), "headers " + ws.headers());
            ws.readText();
        }
    }
}
