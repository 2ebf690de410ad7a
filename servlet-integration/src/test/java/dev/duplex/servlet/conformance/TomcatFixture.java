package dev.duplex.servlet.conformance;

import dev.duplex.servlet.DuplexInitializer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded Tomcat 11 per test class, on 127.0.0.1 and a free port, with Duplex installed by its
 * {@link DuplexInitializer} exactly as a web application would get it, and the test endpoints deployed.
 * Tomcat carries no WebSocket implementation here ({@code tomcat-embed-websocket} is not on the class path).
 * Register as a static {@code @RegisterExtension} field.
 */
final class TomcatFixture implements BeforeAllCallback, AfterAllCallback {

    private Tomcat tomcat;
    private Path baseDir;
    private int port;

    int port() {
        return port;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        baseDir = Files.createTempDirectory("duplex-conformance");
        Path docBase = Files.createDirectories(baseDir.resolve("webapp"));
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);

        Context ctx = tomcat.addContext("", docBase.toString());
        // Without a servlet for the path, Tomcat answers 404 before any filter runs.
        Tomcat.addServlet(ctx, "default", new DefaultServlet());
        ctx.addServletMappingDecoded("/", "default");
        ctx.addServletContainerInitializer(new DuplexInitializer(),
                Set.of(EchoEndpoint.class, SmallEchoEndpoint.class, ClosingEndpoint.class));
        tomcat.start();
        port = connector.getLocalPort();
        if (port <= 0) {
            throw new IllegalStateException("Tomcat did not bind a port (state " + connector.getState() + ")");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws LifecycleException, IOException {
        try {
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        } finally {
            deleteTree(baseDir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
