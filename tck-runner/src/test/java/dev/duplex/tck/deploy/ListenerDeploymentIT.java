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

/**
 * Programmatic server deployment (spec §6.4): a {@code ServletContextListener} takes the {@code ServerContainer}
 * from the context attribute and deploys endpoints with {@code addEndpoint}. A {@link SuppressScanConfig} (empty
 * sets) keeps the scan from deploying anything itself.
 */
@ExtendWith(ArquillianExtension.class)
class ListenerDeploymentIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("deploy-listener", DeployingListener.class, OutcomeServlet.class,
                SuppressScanConfig.class, ListenerAnnotatedEndpoint.class, ListenerProgrammaticEndpoint.class,
                ExcludedEndpoint.class);
    }

    /** Spec §6.4 (no id): the container is the context attribute {@code jakarta.websocket.server.ServerContainer}. */
    @Test
    void serverContainerIsAvailableToTheListener() throws Exception {
        assertEquals("ServerContainer", Clients.getText(base, "/outcome?case=attribute"));
    }

    /** Javadoc 184: {@code addEndpoint(Class)} deploys an annotated endpoint at its path. */
    @Test
    void addEndpointClassDeploysTheAnnotatedEndpoint() throws Exception {
        assertEquals("ok", Clients.getText(base, "/outcome?case=annotated"));
        assertEquals("annotated from listener", Clients.firstMessage(base, "/listener/annotated"));
    }

    /**
     * Javadoc 186, 198, 200: {@code addEndpoint(ServerEndpointConfig)} deploys a programmatic endpoint at the
     * configuration's template path (WSC-3.1.1-1).
     */
    @Test
    void addEndpointConfigDeploysTheProgrammaticEndpoint() throws Exception {
        assertEquals("ok", Clients.getText(base, "/outcome?case=programmatic"));
        assertEquals("programmatic from listener {n=7}", Clients.firstMessage(base, "/listener/programmatic/7"));
    }

    /**
     * Spec §6.4 (no id): a {@code ServerApplicationConfig} returning empty sets suppresses the deployment by scan:
     * an annotated class of the WAR that the listener does not deploy answers 404 (WSC-6.2-5, WSC-3.1.1-4).
     */
    @Test
    void emptyApplicationConfigSuppressesTheScan() throws Exception {
        assertEquals(404, Clients.handshakeStatus(base, "/excluded"));
    }
}
