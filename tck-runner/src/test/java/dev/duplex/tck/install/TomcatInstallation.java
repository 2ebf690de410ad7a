package dev.duplex.tck.install;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Tomcat installation made from the Apache distribution (unpacked by Maven), prepared the way a user would:
 * its own WebSocket implementation removed ({@code lib/tomcat-websocket.jar}: the {@code WsSci} initializer and its
 * {@code ContainerProvider} and {@code Configurator} service files; the API jars {@code websocket-api.jar} and
 * {@code websocket-client-api.jar} stay, as the Jakarta WebSocket API that Duplex implements), its stock
 * {@code conf/server.xml} with the shutdown port off and the HTTP connector on 127.0.0.1 and a free port, and no
 * bundled web applications. Run as its own process ({@code org.apache.catalina.startup.Bootstrap start}, what
 * {@code bin/catalina.sh run} runs), stopped with SIGTERM (Tomcat's shutdown hook stops it gracefully).
 *
 * <p>The port: a server socket bound to port 0 on 127.0.0.1 gives a free port, which is closed and written into
 * server.xml. Another process could take it in between; that small race is accepted (start fails clearly then).
 *
 * <p>Used by one test thread; a reader thread follows the process output.
 */
final class TomcatInstallation implements AutoCloseable {

    private final Path home;
    private final int port;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private Process process;

    private TomcatInstallation(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Copies the distribution unpacked under {@code dist} into a fresh directory in {@code workDir}, prepares it. */
    static TomcatInstallation prepare(Path dist, Path workDir) throws IOException {
        Path unpacked;
        try (Stream<Path> children = Files.list(dist)) {
            unpacked = children.filter(p -> p.getFileName().toString().startsWith("apache-tomcat-")).findFirst()
                    .orElseThrow(() -> new IOException("no apache-tomcat-* directory in " + dist));
        }
        Files.createDirectories(workDir);
        Path home = Files.createTempDirectory(workDir, unpacked.getFileName() + "-");
        copyTree(unpacked, home);

        Path websocketImplementation = home.resolve("lib/tomcat-websocket.jar");
        if (!Files.isRegularFile(websocketImplementation)) {
            throw new IOException("the distribution has no " + websocketImplementation);
        }
        Files.delete(websocketImplementation);
        try (Stream<Path> apps = Files.list(home.resolve("webapps"))) {
            for (Path app : apps.toList()) {
                deleteTree(app);
            }
        }
        int port = freePort();
        Path serverXml = home.resolve("conf/server.xml");
        String xml = Files.readString(serverXml);
        String shutdownPort = "<Server port=\"8005\" shutdown=\"SHUTDOWN\">";
        String connector = "<Connector port=\"8080\" protocol=\"HTTP/1.1\"";
        if (!xml.contains(shutdownPort) || !xml.contains(connector)) {
            throw new IOException("unexpected stock server.xml in " + unpacked);
        }
        xml = xml.replace(shutdownPort, "<Server port=\"-1\" shutdown=\"SHUTDOWN\">")
                .replace(connector, "<Connector address=\"127.0.0.1\" port=\"" + port + "\" protocol=\"HTTP/1.1\"");
        Files.writeString(serverXml, xml);
        return new TomcatInstallation(home, port);
    }

    Path home() {
        return home;
    }

    int port() {
        return port;
    }

    Path webapps() {
        return home.resolve("webapps");
    }

    /** Everything the process printed so far (Tomcat logs to the console as well as to logs/). */
    List<String> output() {
        return List.copyOf(output);
    }

    /** Starts Tomcat and waits (up to 120 s) until it logged "Server startup in". */
    void start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                // What bin/catalina.sh adds on Java 17+.
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + home.resolve("conf/logging.properties"),
                "-Dcatalina.home=" + home,
                "-Dcatalina.base=" + home,
                "-Djava.io.tmpdir=" + home.resolve("temp"),
                "-Xmx256m",
                "-cp", home.resolve("bin/bootstrap.jar") + File.pathSeparator
                        + home.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start"));
        process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(this::follow, "tomcat-installation-output");
        reader.setDaemon(true);
        reader.start();
        try {
            started.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Tomcat did not start (port " + port + "); output:\n"
                    + String.join("\n", output), e);
        }
    }

    /** Sends SIGTERM and waits (up to 60 s) for the process to end; returns its exit code. */
    int stop() throws InterruptedException {
        if (process == null) {
            return -1;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("Tomcat did not stop within 60 s of SIGTERM; output:\n"
                    + String.join("\n", output));
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        deleteTree(home);
    }

    private void follow() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
                if (line.contains("Server startup in")) {
                    started.complete(null);
                }
            }
        } catch (IOException e) {
            started.completeExceptionally(e);
        }
        started.completeExceptionally(new IllegalStateException("the Tomcat process ended"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
