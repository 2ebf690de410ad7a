package dev.duplex.client;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.DefaultServerEndpointConfigurator;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Embedded Tomcat 11 with Tomcat's own WebSocket implementation ({@code tomcat-embed-websocket}) serving
 * {@link PeerDeployment}'s endpoints on 127.0.0.1, a port chosen by the OS. Every other path answers 404.
 */
final class TomcatPeer implements Peer {

    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;
    private final int port;

    TomcatPeer() throws IOException, LifecycleException {
        baseDir = Files.createTempDirectory("duplex-tomcat-peer");
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        context.addServletContainerInitializer(new WsSci(), null);
        ServletContainerInitializer deploy = (classes, servletContext) -> {
            ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
            try {
                PeerDeployment.deploy(container, DefaultServerEndpointConfigurator::new);
            } catch (jakarta.websocket.DeploymentException e) {
                throw new jakarta.servlet.ServletException(e);
            }
        };
        context.addServletContainerInitializer(deploy, null);
        Tomcat.addServlet(context, "notFound", new NotFound());
        context.addServletMappingDecoded("/", "notFound");
        tomcat.start();
        port = connector.getLocalPort();
    }

    @Override
    public String name() {
        return "Tomcat";
    }

    @Override
    public URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + port + pathAndQuery);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Plain requests to any path: 404. */
    private static final class NotFound extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
