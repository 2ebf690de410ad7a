package dev.duplex.tck.deploy;

import dev.duplex.tck.handshake.Clients;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ServerContainer.addEndpoint} once the application is deployed and serving: the 2.2 API javadoc of both
 * {@code addEndpoint} methods says "@throws IllegalStateException if the containing websocket application has
 * already been deployed". (Spec §6.4's prose says the 2.1 release lifted the deployment-phase restriction; the
 * javadoc contract is what is tested here, as Duplex documents it: no endpoint may be added after the first
 * handshake.) A plain servlet calls it and reports the outcome.
 */
@ExtendWith(ArquillianExtension.class)
class LateAddEndpointIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("deploy-late", FirstEndpoint.class, LateEndpoint.class, OnlyFirstConfig.class,
                LateAddServlet.class, OutcomeServlet.class, ListenerProgrammaticEndpoint.class);
    }

    /**
     * Javadoc 184 and 186 ({@code addEndpoint} deploys "during the initialization phase of deploying the
     * application"), API 2.2 {@code @throws IllegalStateException}: after a handshake, both forms throw
     * IllegalStateException and deploy nothing (the late paths answer 404).
     */
    @Test
    void addEndpointAfterTheFirstHandshakeThrowsIllegalStateException() throws Exception {
        assertEquals("first", Clients.firstMessage(base, "/first"));

        String byClass = Clients.getText(base, "/late-add?kind=class");
        assertTrue(byClass.startsWith("java.lang.IllegalStateException"), "addEndpoint(Class): " + byClass);
        String byConfig = Clients.getText(base, "/late-add?kind=config");
        assertTrue(byConfig.startsWith("java.lang.IllegalStateException"),
                "addEndpoint(ServerEndpointConfig): " + byConfig);

        assertEquals(404, Clients.handshakeStatus(base, "/late"));
        assertEquals(404, Clients.handshakeStatus(base, "/late-config"));
    }
}
