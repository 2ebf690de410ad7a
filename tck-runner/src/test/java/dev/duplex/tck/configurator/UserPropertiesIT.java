package dev.duplex.tck.configurator;

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
import java.net.http.WebSocket;
import java.util.Map;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * User properties (spec §3.1.5, Configurator.modifyHandshake javadoc): {@code modifyHandshake} sees a
 * per-connection shallow copy of the endpoint configuration's user properties; its changes become the session's
 * initial user properties; connections never see each other's, and the deployed configuration's map is not
 * changed.
 */
@ExtendWith(ArquillianExtension.class)
class UserPropertiesIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("configurator-props", PropsConfig.class, PropsConfigurator.class,
                PropsEndpoint.class);
    }

    /**
     * Spec §3.1.5 (no id) and the {@code modifyHandshake} javadoc (210): a per-connection copy holding the
     * configuration's entries and what {@code modifyHandshake} added, seen by {@code Session.getUserProperties()}
     * (javadoc 144); javadoc 72: the configuration's own map is not the one handed to {@code modifyHandshake}.
     */
    @Test
    void modifyHandshakeChangesReachOnlyThatSession() throws Exception {
        RecordingListener first = new RecordingListener();
        WebSocket a = Clients.connect(base, "/props?name=a", first);
        Map<String, String> openA = Reports.parse(first.next(Text.class).text(), ';');

        assertEquals("a", openA.get("conn"), "report " + openA);
        assertEquals("deployed", openA.get("shared"), "the configuration's entry is copied: " + openA);
        assertEquals("null", openA.get("mine"), "report " + openA);
        assertEquals("false", openA.get("handshakeMapIsDeployedMap"), "report " + openA);
        assertEquals("[shared]", openA.get("deployedKeys"), "the deployed map is unchanged: " + openA);

        RecordingListener second = new RecordingListener();
        WebSocket b = Clients.connect(base, "/props?name=b", second);
        Map<String, String> openB = Reports.parse(second.next(Text.class).text(), ';');

        assertEquals("b", openB.get("conn"), "report " + openB);
        assertEquals("deployed", openB.get("shared"), "report " + openB);
        assertEquals("null", openB.get("mine"), "session A's own entry is not visible to B: " + openB);
        assertEquals("[shared]", openB.get("deployedKeys"), "the deployed map is unchanged: " + openB);

        await(a.sendText("again", true));
        Map<String, String> againA = Reports.parse(first.next(Text.class).text(), ';');
        assertEquals("a", againA.get("conn"), "B's handshake did not change A's properties: " + againA);
        assertEquals("a", againA.get("mine"), "report " + againA);

        Clients.closeNormally(a, first);
        Clients.closeNormally(b, second);
    }
}
