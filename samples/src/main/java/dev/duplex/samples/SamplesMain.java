package dev.duplex.samples;

import java.io.IOException;

/**
 * Starts the Duplex samples on embedded Tomcat:
 * {@code java -jar samples/target/duplex-samples.jar [--port N] [--host H]}.
 *
 * <p>Serves the samples' pages and their endpoints: a chat room ({@code /chat}), a live ticker ({@code /ticker}),
 * an endpoint with an injected CDI bean ({@code /greeter}), and two echoes ({@code /echo}, up to 16 MiB, and
 * {@code /echo-64k}, where a bigger message closes with 1009). Prints the addresses, then runs until Ctrl-C, which
 * stops Tomcat through a shutdown hook: Duplex closes the open sessions with 1001 (going away).
 */
public final class SamplesMain {

    static final String USAGE = """
            Usage: java -jar duplex-samples.jar [--port N] [--host H]
              --port N   port to listen on (default 8080; 0 lets the system choose a free one)
              --host H   address to listen on (default localhost; 0.0.0.0 for every interface)""";

    private SamplesMain() {
    }

    public static void main(String[] args) throws IOException {
        SamplesServer server;
        try {
            server = start(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (server == null) {
            System.out.println(USAGE);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "duplex-samples-shutdown"));
        System.out.println(banner(server));
        server.await();
    }

    /** What the samples serve, where. */
    static String banner(SamplesServer server) {
        return String.join(System.lineSeparator(),
                "Duplex samples: " + server.httpUrl() + "  (Ctrl-C to stop)",
                "  chat     " + server.httpUrl("chat.html") + "  " + server.wsUrl("/chat"),
                "  ticker   " + server.httpUrl("ticker.html") + "  " + server.wsUrl("/ticker"),
                "  CDI      " + server.httpUrl("echo.html?path=/greeter") + "  " + server.wsUrl("/greeter"),
                "  echo     " + server.httpUrl("echo.html") + "  " + server.wsUrl("/echo") + "  "
                        + server.wsUrl("/echo-64k"),
                "  client   java -cp samples/target/duplex-samples.jar dev.duplex.samples.client.ChatClient "
                        + server.wsUrl("/chat"));
    }

    /**
     * Parses the command line and starts the server.
     *
     * @return the running server, or {@code null} when only help was asked for
     * @throws IllegalArgumentException for an unknown option or a bad value
     * @throws IOException if the server cannot start
     */
    public static SamplesServer start(String... args) throws IOException {
        int port = 8080;
        String host = "localhost";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = parsePort(value(args, ++i, "--port"));
                case "--host" -> host = value(args, ++i, "--host");
                case "-h", "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
            }
        }
        return SamplesServer.start(host, port);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + text + "'");
    }
}
