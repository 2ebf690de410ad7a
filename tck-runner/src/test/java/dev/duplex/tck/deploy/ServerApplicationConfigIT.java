package dev.duplex.tck.deploy;

import dev.duplex.tck.handshake.Clients;
import dev.duplex.tck.handshake.Reports;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code ServerApplicationConfig}s found by the scan choose what deploys: the union of their annotated classes and
 * endpoint configurations, nothing else (spec §6.2).
 */
@ExtendWith(ArquillianExtension.class)
class ServerApplicationConfigIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("deploy-application-config", KeptEndpoint.class, KeptSubclass.class,
                ExcludedEndpoint.class, ScannedProgrammaticEndpoint.class, FilteringConfig.class, SecondConfig.class);
    }

    /** WSC-6.2-5, javadoc 182: an annotated class returned by a config is deployed. */
    @Test
    void annotatedClassReturnedByTheConfigIsDeployed() throws Exception {
        assertEquals("kept", Clients.firstMessage(base, "/kept"));
    }

    /**
     * WSC-6.2-5, javadoc 182: a scanned annotated class that no config returns is not deployed: its handshake is
     * refused with 404 (WSC-3.1.1-4).
     */
    @Test
    void annotatedClassNoConfigReturnsIsNotDeployed() throws Exception {
        assertEquals(404, Clients.handshakeStatus(base, "/excluded"));
    }

    /**
     * WSC-6.2-5 (the union over every config), javadoc 183 and 198/200 (programmatic endpoints deployed from the
     * configurations built with {@code ServerEndpointConfig.Builder}), WSC-6.2-2 (both configs were found).
     */
    @Test
    void programmaticEndpointsOfEveryConfigAreDeployed() throws Exception {
        assertEquals("/programmatic", Reports.parse(Clients.firstMessage(base, "/programmatic"), ';').get("path"));
        assertEquals("/programmatic-two",
                Reports.parse(Clients.firstMessage(base, "/programmatic-two"), ';').get("path"));
    }

    /**
     * WSC-6.2-1 (the scan finds the annotated classes), WSC-6.2-4 (each config gets the scan of its archive),
     * javadoc 182; WSC-4.8.2 (a subclass of an annotated endpoint without its own annotation is filtered out).
     */
    @Test
    void configReceivesTheScannedAnnotatedClasses() throws Exception {
        Map<String, String> r = Reports.parse(Clients.firstMessage(base, "/programmatic"), ';');

        assertEquals("[ExcludedEndpoint, KeptEndpoint]", r.get("annotated"), "report " + r);
    }

    /**
     * WSC-6.2-1 (the scan finds the Endpoint subclasses), WSC-6.2-4 ("it must pass the results of the scan of the
     * archive containing it (top level WAR or contained JAR) to its methods"), javadoc 183 ("the set obtained by
     * scanning the archive containing the implementation of this ServerApplicationConfig"): a config in
     * {@code WEB-INF/classes} gets the Endpoint subclasses of {@code WEB-INF/classes}, not those of the jars in
     * {@code WEB-INF/lib} (Duplex's own among them).
     */
    @Test
    void configReceivesTheEndpointSubclassesOfItsOwnArchive() throws Exception {
        Map<String, String> r = Reports.parse(Clients.firstMessage(base, "/programmatic"), ';');

        assertEquals("[ScannedProgrammaticEndpoint]", r.get("programmatic"), "report " + r);
    }
}
