package dev.duplex.benchmarks.servers;

import org.apache.tomcat.websocket.server.WsSci;

/** Tomcat 11's own WebSocket implementation (tomcat-embed-websocket), same connector settings as Duplex's run. */
public final class TomcatOwnServer {

    private TomcatOwnServer() {
    }

    public static void main(String[] args) throws Exception {
        TomcatServers.run(ServerMain.port(args), new WsSci());
    }
}
