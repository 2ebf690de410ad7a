package dev.duplex.benchmarks.servers;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;

/** Jetty 12.0's own Jakarta WebSocket implementation (jetty-ee10-websocket-jakarta-server). */
public final class JettyOwnServer {

    private JettyOwnServer() {
    }

    public static void main(String[] args) throws Exception {
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            for (Class<?> endpoint : ServerMain.ENDPOINTS) {
                container.addEndpoint(endpoint);
            }
        });
        JettyServers.run(ServerMain.port(args), context);
    }
}
