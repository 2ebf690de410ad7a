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
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** {@code Configurator.getEndpointInstance}: one new instance per connection by default, or what a custom one says. */
@ExtendWith(ArquillianExtension.class)
class EndpointInstanceIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("configurator-instances", FreshInstanceEndpoint.class, SharedInstanceEndpoint.class,
                OtherSharedInstanceEndpoint.class, SharedInstanceConfigurator.class);
    }

    /**
     * WSC-3.1.7-2, javadoc 206 (the default returns a new instance per call), WSC-5.1-1 (a unique instance per peer):
     * two open connections are served by two instances, each keeping its own across messages.
     */
    @Test
    void defaultConfiguratorCreatesAnInstancePerConnection() throws Exception {
        RecordingListener first = new RecordingListener();
        WebSocket a = Clients.connect(base, "/fresh", first);
        String instanceA = first.next(Text.class).text();
        RecordingListener second = new RecordingListener();
        WebSocket b = Clients.connect(base, "/fresh", second);
        String instanceB = second.next(Text.class).text();

        assertNotEquals(instanceA, instanceB);
        await(a.sendText("which", true));
        assertEquals(instanceA, first.next(Text.class).text());
        await(b.sendText("which", true));
        assertEquals(instanceB, second.next(Text.class).text());
        Clients.closeNormally(a, first);
        Clients.closeNormally(b, second);
    }

    /**
     * WSC-3.1.7-1 (getEndpointInstance is called for each new connection), javadoc 206 (a custom configurator
     * controls instantiation: here one shared instance), WSC-4.1.5-1 (the annotation's configurator is used).
     */
    @Test
    void customConfiguratorSharesOneInstanceAndIsAskedPerConnection() throws Exception {
        Map<String, String> one = Reports.parse(Clients.firstMessage(base, "/shared"), ';');
        Map<String, String> two = Reports.parse(Clients.firstMessage(base, "/shared"), ';');

        assertEquals(one.get("instance"), two.get("instance"), "same endpoint instance: " + one + " / " + two);
        assertEquals(one.get("configurator"), two.get("configurator"), "same configurator: " + one + " / " + two);
        assertEquals(Integer.parseInt(one.get("calls")) + 1, Integer.parseInt(two.get("calls")),
                "one getEndpointInstance call per connection: " + one + " / " + two);
    }

    /**
     * Javadoc 188 (the implementation creates a new instance of the configurator per logical endpoint): two
     * endpoints naming the same configurator class get two configurator instances.
     */
    @Test
    void configuratorInstanceIsPerLogicalEndpoint() throws Exception {
        Map<String, String> shared = Reports.parse(Clients.firstMessage(base, "/shared"), ';');
        Map<String, String> other = Reports.parse(Clients.firstMessage(base, "/shared-other"), ';');

        assertNotEquals(shared.get("configurator"), other.get("configurator"), shared + " / " + other);
        assertNotEquals(shared.get("instance"), other.get("instance"), shared + " / " + other);
    }
}
