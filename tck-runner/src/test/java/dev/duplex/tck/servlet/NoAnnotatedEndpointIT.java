package dev.duplex.tck.servlet;

import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketClient;
import dev.duplex.tck.support.WebSocketEvent.Text;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.WebSocket;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spec §6.4: the {@code ServerContainer} context attribute exists even when the scan found no annotated endpoint
 * (and no ServerApplicationConfig), so that a {@code ServletContextListener} can deploy endpoints programmatically.
 * The WAR holds only {@link AddingListener} and the programmatic {@link ProgrammaticEcho}.
 */
@ExtendWith(ArquillianExtension.class)
class NoAnnotatedEndpointIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("servlet-no-annotated", AddingListener.class, ProgrammaticEcho.class);
    }

    @Test
    void listenerDeploysAnEndpointThroughTheServerContainerAttribute() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = WebSocketClient.connect(WebSocketClient.uri(base, "/added"), listener);
        await(ws.sendText("hi", true));
        assertEquals("echo:hi", listener.next(Text.class).text());
        ws.abort();
    }
}
