package dev.duplex.samples;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the README's command on the packaged jar ({@code java -jar duplex-samples.jar}, on 127.0.0.1 and a port the
 * system chooses), reads the port from the line it prints, uses the page and the echo, then stops it as Ctrl-C
 * would (a signal that runs the shutdown hook).
 */
class SamplesJarIT {

    private static final long TIMEOUT_SECONDS = 30;
    private static final Pattern STARTED = Pattern.compile("^Duplex samples: http://127\\.0\\.0\\.1:(\\d+)/ ");

    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process process;

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void theJarStartsServesThePageAndTheEchoAndStopsOnSignal() throws Exception {
        Path jar = Path.of(System.getProperty("duplex.samples.jar", "target/duplex-samples.jar"));
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--host", "127.0.0.1")
                .redirectErrorStream(true)
                .start();
        int port = awaitStartLine().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), () -> "GET / " + page.body());
        assertTrue(page.body().contains("<title>Duplex echo</title>"), page.body());

        CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/echo"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            echoed.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        echoed.completeExceptionally(error);
                    }
                })
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ws.sendText("from the jar", true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals("from the jar", echoed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        ws.abort();

        process.destroy(); // SIGTERM: like Ctrl-C, it runs the shutdown hook that stops Tomcat
        assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "still running after SIGTERM: " + output);
        assertTrue(output.stream().noneMatch(line -> line.contains("Exception") || line.startsWith("SEVERE")),
                () -> "errors in the output: " + String.join("\n", output));
    }

    /** Reads the process's output on a thread of its own; completes with the port of the start line. */
    private CompletableFuture<Integer> awaitStartLine() {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    Matcher started = STARTED.matcher(line);
                    if (started.find()) {
                        port.complete(Integer.parseInt(started.group(1)));
                    }
                }
                port.completeExceptionally(new AssertionError("exited without the start line: " + output));
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        }, "samples-jar-output");
        reader.setDaemon(true);
        reader.start();
        return port;
    }
}
