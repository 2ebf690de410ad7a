package dev.duplex.tck.programmatic;

import dev.duplex.tck.handshake.Clients;
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
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Map;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ServerContainer.upgradeHttpToWebSocket} (WebSocket 2.1) from a plain servlet, for a configuration that is
 * not deployed: the connection opens with the configuration and path parameters the servlet gave.
 */
@ExtendWith(ArquillianExtension.class)
class UpgradeHttpToWebSocketIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("programmatic-upgrade", UpgradeServlet.class, RoomEndpoint.class);
    }

    /**
     * {@code upgradeHttpToWebSocket} javadoc (2.1, no assertion id): the servlet's request becomes a WebSocket
     * connection configured by the given {@code ServerEndpointConfig} (subprotocols negotiated, javadoc 209) with
     * the given path parameters ({@code Session.getPathParameters}, javadoc 138); messages then flow both ways.
     */
    @Test
    void servletUpgradesTheRequestWithItsOwnConfigAndPathParameters() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Clients.connect(base, "/rooms/lobby", listener, "chat");
        Map<String, String> r = Reports.parse(listener.next(Text.class).text(), ';');

        assertEquals("{room=lobby}", r.get("pathParams"), "report " + r);
        assertEquals("chat", r.get("subprotocol"), "report " + r);
        assertEquals("chat", ws.getSubprotocol());
        assertEquals("/rooms/{room}", r.get("configPath"), "report " + r);
        assertEquals(base.getPath() + "rooms/lobby", r.get("uriPath"), "report " + r);

        await(ws.sendText("hello", true));
        assertEquals("hello", listener.next(Text.class).text());
        Clients.closeNormally(ws, listener);
    }

    /** Javadoc 138: each upgrade is its own connection with the path parameters its servlet call passed. */
    @Test
    void eachUpgradeGetsItsOwnPathParameters() throws Exception {
        assertEquals("{room=attic}",
                Reports.parse(Clients.firstMessage(base, "/rooms/attic"), ';').get("pathParams"));
        assertEquals("{room=cellar}",
                Reports.parse(Clients.firstMessage(base, "/rooms/cellar"), ';').get("pathParams"));
    }

    /**
     * {@code upgradeHttpToWebSocket} javadoc: "@throws IllegalStateException if the provided request does not meet
     * the requirements of the WebSocket handshake": a plain GET (no Upgrade headers) makes the call throw.
     */
    @Test
    void plainHttpRequestMakesTheUpgradeThrowIllegalStateException() throws Exception {
        HttpResponse<String> response = Clients.get(base, "/rooms/lobby");

        assertTrue(response.body().startsWith("threw java.lang.IllegalStateException"),
                "HTTP " + response.statusCode() + ": " + response.body());
    }
}
