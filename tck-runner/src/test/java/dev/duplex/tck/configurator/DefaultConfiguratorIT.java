package dev.duplex.tck.configurator;

import dev.duplex.tck.handshake.Clients;
import dev.duplex.tck.handshake.Reports;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A WAR with no WebSocket endpoint at all, only a servlet: the container is still published as a context attribute,
 * and the API finds Duplex's default configurator through {@code ServiceLoader} (the service file in Duplex's jar).
 */
@ExtendWith(ArquillianExtension.class)
class DefaultConfiguratorIT {

    /** Duplex's default {@code ServerEndpointConfig.Configurator}, named in its service file. */
    static final String DUPLEX_DEFAULT = "dev.duplex.server.DefaultServerConfigurator";

    @ArquillianResource
    private URL base;

    private Map<String, String> report;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("configurator-defaults", DefaultConfiguratorServlet.class, PlainEndpoint.class);
    }

    @BeforeEach
    void readReport() throws Exception {
        report = Reports.lines(Clients.getText(base, "/defaults"));
    }

    /**
     * Spec §6.4 (Programmatic Server Deployment, no id): the {@code ServerContainer} is the context attribute
     * {@code jakarta.websocket.server.ServerContainer}, also in an application that has no annotated endpoint.
     */
    @Test
    void serverContainerIsAContextAttributeWithoutAnyEndpoint() {
        assertEquals("true", report.get("isServerContainer"), "report: " + report);
        assertEquals("dev.duplex.server.WsServerContainer", report.get("container"));
    }

    /**
     * {@code Configurator.getContainerDefaultConfigurator()} (WebSocket 2.1) loads Duplex's default through
     * {@code ServiceLoader}; javadoc 193 (a configuration built without a configurator uses the platform default)
     * and 211 (the configurator's default behaviour is the platform's).
     */
    @Test
    void containerDefaultConfiguratorIsDuplexs() {
        assertEquals(DUPLEX_DEFAULT, report.get("default"), "report: " + report);
        assertEquals(DUPLEX_DEFAULT, report.get("built"), "report: " + report);
    }

    /**
     * Javadoc 209: the default negotiation picks the first subprotocol of the client's list that the server supports
     * ({@code "c"} for supported [a, b, c] and requested [d, c, b]), or "" when none.
     * Javadoc 208: no installed extension, none negotiated.
     */
    @Test
    void defaultNegotiationThroughTheApiBaseClass() {
        assertEquals("c", report.get("subprotocol"), "report: " + report);
        assertEquals("[]", report.get("noSubprotocol"), "report: " + report);
        assertEquals("[]", report.get("extensions"), "report: " + report);
    }

    /** WSC-3.1.7-2, javadoc 206: the default {@code getEndpointInstance} returns a new instance on each call. */
    @Test
    void defaultGetEndpointInstanceCreatesANewInstanceEachCall() {
        assertEquals(PlainEndpoint.class.getName(), report.get("instanceClass"), "report: " + report);
        assertEquals("true", report.get("newInstanceEachCall"), "report: " + report);
    }
}
