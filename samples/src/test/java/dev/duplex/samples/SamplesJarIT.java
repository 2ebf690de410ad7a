package dev.duplex.samples;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.duplex.samples.JdkSocket.HTTP;
import static dev.duplex.samples.JdkSocket.TIMEOUT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the README's command on the packaged jar ({@code java -jar duplex-samples.jar}, on 127.0.0.1 and a port the
 * system chooses), reads the port from the line it prints, uses every sample (the pages, the chat, the ticker, the
 * CDI greeter on Weld, the echo, and the command-line client from the same jar), then stops it as Ctrl-C would (a
 * signal that runs the shutdown hook), which closes the open sessions with 1001.
 *
 * <p>Failsafe runs it after the jar is built and names the jar in {@code duplex.samples.jar}; without that
 * property (a surefire run picked it up by name) there is no jar to test and it is skipped.
 */
class SamplesJarIT {

    private static final Pattern STARTED = Pattern.compile("^Duplex samples: http://127\\.0\\.0\\.1:(\\d+)/ ");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process server;
    private Process client;

    @AfterEach
    void kill() {
        for (Process p : new Process[] {server, client}) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void theJarServesEverySampleAndStopsOnSignal() throws Exception {
        String property = System.getProperty("duplex.samples.jar");
        assumeTrue(property != null, "not run by failsafe: no jar named");
        Path jar = Path.of(property);
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar.toAbsolutePath());
        server = new ProcessBuilder(JAVA, "-jar", jar.toString(), "--port", "0", "--host", "127.0.0.1")
                .redirectErrorStream(true)
                .start();
        int port = awaitStartLine().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String http = "http://127.0.0.1:" + port + "/";
        String ws = "ws://127.0.0.1:" + port;

        assertPage(http, "<title>Duplex samples</title>");
        assertPage(http + "chat.html", "<title>Duplex chat</title>");
        assertPage(http + "ticker.html", "<title>Duplex live ticker</title>");
        assertPage(http + "echo.html", "<title>Duplex echo</title>");

        try (JdkSocket echo = JdkSocket.connect(ws + "/echo")) {
            echo.send("from the jar");
            assertEquals("from the jar", echo.nextText());
        }
        try (JdkSocket greeter = JdkSocket.connect(ws + "/greeter")) {
            greeter.send("jar");
            assertTrue(greeter.nextText().startsWith("Hello, jar! Greeting #1 from the application-scoped Greeter"));
        }
        try (JdkSocket ticker = JdkSocket.connect(ws + "/ticker")) {
            ticker.send("{\"subscribe\":[\"GLOBEX\"]}");
            assertEquals("subscribed", ticker.nextJson().getString("type"));
            assertEquals("GLOBEX", ticker.nextJson().getString("symbol"));
        }

        try (JdkSocket chat = JdkSocket.connect(ws + "/chat")) {
            chat.send("nick watcher");
            assertEquals("watcher joined", chat.nextJson().getString("message"));
            runTheCommandLineClient(jar, ws + "/chat", chat);

            server.destroy(); // SIGTERM: like Ctrl-C, it runs the shutdown hook that stops Tomcat
            assertEquals(1001, chat.nextClose().code());
        }
        assertTrue(server.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "still running after SIGTERM: " + output);
        assertTrue(output.stream().noneMatch(line -> line.contains("Exception") || line.startsWith("SEVERE")
                        || line.startsWith("WARNING")),
                () -> "errors in the output: " + String.join("\n", output));
    }

    /** The client from the same jar, its input typed line by line; end of input closes it with 1000, status 0. */
    private void runTheCommandLineClient(Path jar, String url, JdkSocket watcher) throws Exception {
        client = new ProcessBuilder(JAVA, "-cp", jar.toString(), "dev.duplex.samples.client.ChatClient", url)
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> lines = readLines(client, "chat-client-output", null);
        OutputStream keyboard = client.getOutputStream();
        keyboard.write("nick jarclient\nPRIVMSG typed in a terminal\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        awaitLine(lines, "{\"type\":\"message\",\"message\":\"jarclient: typed in a terminal\"}");
        assertEquals("jarclient joined", watcher.nextJson().getString("message"));
        assertEquals("jarclient: typed in a terminal", watcher.nextJson().getString("message"));

        keyboard.close(); // Ctrl-D
        awaitLine(lines, "Closed: 1000 NORMAL_CLOSURE (bye)");
        assertTrue(client.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the client did not exit");
        assertEquals(0, client.exitValue());
        assertEquals("jarclient left", watcher.nextJson().getString("message"));
    }

    private static void assertPage(String url, String expected) throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), () -> "GET " + url + " " + page.body());
        assertTrue(page.body().contains(expected), page.body());
    }

    /** Completes with the port of the start line; the server's output is kept in {@link #output}. */
    private CompletableFuture<Integer> awaitStartLine() {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        readLines(server, "samples-jar-output", line -> {
            output.add(line);
            Matcher started = STARTED.matcher(line);
            if (started.find()) {
                port.complete(Integer.parseInt(started.group(1)));
            }
        });
        server.onExit().thenRun(() -> port.completeExceptionally(
                new AssertionError("exited without the start line: " + output)));
        return port;
    }

    /** Reads a process's output on a thread of its own, into the returned queue and to {@code each}. */
    private static BlockingQueue<String> readLines(Process process, String name,
            Consumer<String> each) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    if (each != null) {
                        each.accept(line);
                    }
                }
            } catch (Exception e) {
                lines.add("reading the output failed: " + e);
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static void awaitLine(BlockingQueue<String> lines, String expected) throws InterruptedException {
        for (;;) {
            String line = lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(line, "no line " + expected + " within " + TIMEOUT_SECONDS + " s");
            if (line.equals(expected)) {
                return;
            }
        }
    }
}
