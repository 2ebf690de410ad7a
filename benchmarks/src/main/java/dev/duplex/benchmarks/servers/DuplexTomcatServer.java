package dev.duplex.benchmarks.servers;

import dev.duplex.servlet.DuplexInitializer;

/** Duplex on embedded Tomcat 11 (no tomcat-embed-websocket on the class path). */
public final class DuplexTomcatServer {

    private DuplexTomcatServer() {
    }

    public static void main(String[] args) throws Exception {
        TomcatServers.run(ServerMain.port(args), new DuplexInitializer(), ServerMain.DUPLEX_ENDPOINTS);
    }
}
