package dev.duplex.tomcat;

import dev.duplex.servlet.DuplexInitializer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat on 127.0.0.1, port 0, with one context at "/" that gets Duplex from its
 * {@link DuplexInitializer} as a web application would, the given context init parameters, and the endpoints.
 * This module's upgrader is on the class path, so Duplex finds it as a deployed application would.
 */
final class TomcatServer implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;
    private final Connector connector;

    TomcatServer(Map<String, String> parameters, Class<?>... endpoints) throws Exception {
        baseDir = Files.createTempDirectory("duplex-tomcat");
        tomcat.setBaseDir(baseDir.toString());
        connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", Files.createDirectories(baseDir.resolve("webapp")).toString());
        Tomcat.addServlet(ctx, "default", new DefaultServlet());
        ctx.addServletMappingDecoded("/", "default");
        parameters.forEach(ctx::addParameter);
        ctx.addServletContainerInitializer(new DuplexInitializer(), Set.of(endpoints));
        tomcat.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    java.net.URI uri(String path) {
        return java.net.URI.create("ws://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            try (Stream<Path> paths = Files.walk(baseDir)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a temporary directory left behind is no test failure
            }
        }
    }
}
