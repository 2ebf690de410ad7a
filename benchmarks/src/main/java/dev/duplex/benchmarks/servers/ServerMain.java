package dev.duplex.benchmarks.servers;

import java.util.Set;

/**
 * What every server main shares: the endpoint classes, the argument (the port; the address is always 127.0.0.1),
 * and the line the Suite waits for. Each main runs until the process is killed.
 */
final class ServerMain {

    static final String HOST = "127.0.0.1";
    static final Set<Class<?>> ENDPOINTS = Set.of(EchoEndpoint.class, LargeEchoEndpoint.class,
            BroadcastEndpoint.class);
    /** The Duplex servers' endpoints: /broadcast through Duplex's encode-once API. */
    static final Set<Class<?>> DUPLEX_ENDPOINTS = Set.of(EchoEndpoint.class, LargeEchoEndpoint.class,
            PreparedBroadcastEndpoint.class);

    private ServerMain() {
    }

    static int port(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: <main class> PORT");
        }
        return Integer.parseInt(args[0]);
    }

    static void ready(int port) throws InterruptedException {
        System.out.println("READY " + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
