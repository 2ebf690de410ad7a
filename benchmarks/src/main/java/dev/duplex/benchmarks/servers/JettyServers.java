package dev.duplex.benchmarks.servers;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12.0 (EE 10) with one {@link ServletContextHandler} at the root. */
final class JettyServers {

    private JettyServers() {
    }

    static void run(int port, ServletContextHandler context) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(ServerMain.HOST);
        connector.setPort(port);
        connector.setAcceptQueueSize(1000);
        connector.setIdleTimeout(3_600_000);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        ServerMain.ready(connector.getLocalPort());
    }
}
