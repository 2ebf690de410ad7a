package dev.duplex.tck.deploy;

import dev.duplex.tck.handshake.Clients;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Invalid endpoints found by the WAR scan fail the deployment of the whole application, and the deployer is told
 * why. How it is observed: the two bad WARs are unmanaged deployments ({@code @Deployment(managed = false)}) deployed
 * through Arquillian's {@link Deployer}, whose {@code deploy} throws when Tomcat reports that the web application did
 * not start (Duplex's initializer threw). The reason reaches the deployer through the container's log: the test
 * runs in Tomcat's JVM (client mode), so it listens to {@code java.util.logging} during the deployment and looks for
 * the {@code jakarta.websocket.DeploymentException} in the logged failure. A well-formed endpoint of the failed WAR
 * then answers 404.
 */
@ExtendWith(ArquillianExtension.class)
class ScannedDeploymentFailureIT {

    private static final String DUPLICATE = "deploy-scan-duplicate";
    private static final String INVALID = "deploy-scan-invalid";

    @ArquillianResource
    private Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment("probe")
    private URL probe;

    /** A valid WAR: gives the tests the server's address, and shows that the endpoint class itself is fine. */
    @Deployment(name = "probe", testable = false)
    static WebArchive probe() {
        return DuplexWar.create("deploy-scan-probe", ScanValidEndpoint.class);
    }

    @Deployment(name = DUPLICATE, managed = false, testable = false)
    static WebArchive duplicate() {
        return DuplexWar.create(DUPLICATE, ScanValidEndpoint.class, ScanDuplicateA.class, ScanDuplicateB.class);
    }

    @Deployment(name = INVALID, managed = false, testable = false)
    static WebArchive invalid() {
        return DuplexWar.create(INVALID, ScanValidEndpoint.class, ScanInvalidEndpoint.class);
    }

    /**
     * WSC-4.1.1-4, WSC-3.1.1-2: two scanned endpoints on one path fail the deployment with an informative message
     * naming the duplicate path. WSC-5.2.1-5 (reported through the container's deployment process),
     * WSC-5.2.1-3 (the WAR's well-formed endpoint is not in service).
     */
    @Test
    void duplicatePathsFailTheDeployment() throws Exception {
        try {
            String message = deployExpectingFailure(DUPLICATE).getMessage();
            assertTrue(message.contains("/same"), "names the duplicate path: " + message);
            assertTrue(message.contains(ScanDuplicateA.class.getName())
                    || message.contains(ScanDuplicateB.class.getName()), "names an endpoint class: " + message);
            assertEquals(404, Clients.handshakeStatus(other(DUPLICATE), "/valid"),
                    "handshake to the well-formed endpoint of the failed WAR");
        } finally {
            undeploy(DUPLICATE);
        }
    }

    /**
     * WSC-4.7-4: two {@code @OnMessage} methods for text fail the deployment; WSC-5.2.1-2 / WSC-5.2.1-5: the
     * message names the class and the rule; WSC-5.2.1-3: the WAR's other endpoint is not in service.
     */
    @Test
    void invalidEndpointFailsTheDeployment() throws Exception {
        try {
            String message = deployExpectingFailure(INVALID).getMessage();
            assertTrue(message.contains(ScanInvalidEndpoint.class.getName()), "names the class: " + message);
            assertTrue(message.contains("firstText") || message.contains("secondText"),
                    "names a method: " + message);
            assertEquals(404, Clients.handshakeStatus(other(INVALID), "/valid"),
                    "handshake to the well-formed endpoint of the failed WAR");
        } finally {
            undeploy(INVALID);
        }
    }

    /** Deploys, expects Arquillian to report the failure, and returns the DeploymentException the log carries. */
    private Throwable deployExpectingFailure(String name) {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            assertThrows(Exception.class, () -> deployer.deploy(name), "deployment of " + name);
        } finally {
            root.removeHandler(capture);
        }
        for (LogRecord record : records) {
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                if (t.getClass().getName().equals("jakarta.websocket.DeploymentException")) {
                    return t;
                }
            }
        }
        fail("No jakarta.websocket.DeploymentException in the log of the failed deployment; records: "
                + records.stream().map(r -> r.getLevel() + " " + r.getMessage() + " " + r.getThrown()).toList());
        return null;
    }

    /** Removes what is left of a failed deployment (Tomcat keeps the failed context until then). */
    private void undeploy(String name) {
        try {
            deployer.undeploy(name);
        } catch (RuntimeException ignored) {
            // Arquillian may consider a failed deployment as never deployed.
        }
    }

    /** The base URL of another context on the same server. */
    private URL other(String context) throws Exception {
        return java.net.URI.create(probe.getProtocol() + "://" + probe.getHost() + ":" + probe.getPort()
                + "/" + context + "/").toURL();
    }
}
