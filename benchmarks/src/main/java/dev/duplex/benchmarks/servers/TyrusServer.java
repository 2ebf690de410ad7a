package dev.duplex.benchmarks.servers;

import java.util.Map;
import org.glassfish.tyrus.server.Server;

/** Tyrus 2.2 on its Grizzly container (no servlet container at all). */
public final class TyrusServer {

    private TyrusServer() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server(ServerMain.HOST, ServerMain.port(args), "/", Map.of(),
                ServerMain.ENDPOINTS.toArray(new Class<?>[0]));
        server.start();
        ServerMain.ready(server.getPort());
    }
}
