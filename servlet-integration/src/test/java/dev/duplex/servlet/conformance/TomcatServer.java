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

/**
 * The conformance suite's embedded Tomcat 11 (its default container, see {@link ServerFixture}), on 127.0.0.1 and a
 * free port, with Duplex installed by its {@link DuplexInitializer} exactly as a web application would get it, and
 * the test endpoints deployed. Tomcat carries no WebSocket implementation here ({@code tomcat-embed-websocket} is
 * not on the class path). Created and closed on the test's thread.
 */
final class TomcatServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Path baseDir;
    private final int port;

    TomcatServer(Set<Class<?>> endpoints) throws Exception {
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
        ctx.addServletContainerInitializer(new DuplexInitializer(), endpoints);
        tomcat.start();
        port = connector.getLocalPort();
        if (port <= 0) {
            throw new IllegalStateException("Tomcat did not bind a port (state " + connector.getState() + ")");
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws LifecycleException, IOException {
        try {
            tomcat.stop();
            tomcat.destroy();
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
