package dev.duplex.benchmarks.servers;

import dev.duplex.servlet.DuplexInitializer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** Duplex on embedded Jetty 12.0 through duplex-jetty-integration (no Jetty WebSocket jars on the class path). */
public final class DuplexJettyServer {

    private DuplexJettyServer() {
    }

    public static void main(String[] args) throws Exception {
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServletContainerInitializer(new DuplexInitializer(),
                ServerMain.DUPLEX_ENDPOINTS.toArray(new Class<?>[0]));
        JettyServers.run(ServerMain.port(args), context);
    }
}
