package dev.duplex.samples;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts the samples as {@code java -jar} would (through {@link SamplesMain#start}, on 127.0.0.1 and a port the
 * system chooses) and uses them as a browser would: the page over HTTP, the echo endpoints with the JDK's
 * WebSocket client.
 */
class SamplesMainTest {

    private static final long TIMEOUT_SECONDS = 30;

    private static SamplesServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = SamplesMain.start("--port", "0", "--host", "127.0.0.1");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void choosesAFreePortWhenAskedForPortZero() {
        assertTrue(server.port() > 0, "port " + server.port());
        assertEquals("ws://127.0.0.1:" + server.port() + "/echo", server.wsUrl("/echo"));
    }

    @Test
    void servesThePageAtTheRoot() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.httpUrl())).timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                response.headers().toString());
        assertTrue(response.body().contains("<title>Duplex echo</title>"), response.body());
        assertTrue(response.body().contains("new WebSocket(url)"), response.body());
    }

    @Test
    void echoEchoesTextAndBinary() throws Exception {
        Recorder recorder = new Recorder();
        WebSocket ws = connect("/echo", recorder);

        ws.sendText("hello, Duplex", true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals("hello, Duplex", recorder.next());

        byte[] bytes = pattern(300_000);
        ws.sendBinary(ByteBuffer.wrap(bytes), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertArrayEquals(bytes, assertInstanceOf(byte[].class, recorder.next()));

        closeNormally(ws, recorder);
    }

    @Test
    void echo64kEchoesAMessageOfExactly64KiB() throws Exception {
        Recorder recorder = new Recorder();
        WebSocket ws = connect("/echo-64k", recorder);

        String text = "x".repeat(64 * 1024);
        ws.sendText(text, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(text, recorder.next());

        byte[] bytes = pattern(64 * 1024);
        ws.sendBinary(ByteBuffer.wrap(bytes), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertArrayEquals(bytes, assertInstanceOf(byte[].class, recorder.next()));

        closeNormally(ws, recorder);
    }

    @Test
    void echo64kClosesA65KiBTextMessageWith1009() throws Exception {
        Recorder recorder = new Recorder();
        WebSocket ws = connect("/echo-64k", recorder);

        ws.sendText("x".repeat(65 * 1024), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals(1009, assertInstanceOf(Closed.class, recorder.next()).code());
    }

    @Test
    void echo64kClosesA65KiBBinaryMessageWith1009() throws Exception {
        Recorder recorder = new Recorder();
        WebSocket ws = connect("/echo-64k", recorder);

        ws.sendBinary(ByteBuffer.wrap(pattern(65 * 1024)), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals(1009, assertInstanceOf(Closed.class, recorder.next()).code());
    }

    private static WebSocket connect(String path, Recorder recorder) throws Exception {
        return http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .buildAsync(URI.create(server.wsUrl(path)), recorder)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void closeNormally(WebSocket ws, Recorder recorder) throws Exception {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(WebSocket.NORMAL_CLOSURE, assertInstanceOf(Closed.class, recorder.next()).code());
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private record Closed(int code, String reason) {
    }

    /** Collects whole messages (String or byte[]), the close and any error, in arrival order. */
    private static final class Recorder implements WebSocket.Listener {

        private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Object next() throws InterruptedException {
            Object event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(event, "nothing received within " + TIMEOUT_SECONDS + " s");
            return event;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            binary.writeBytes(part);
            if (last) {
                events.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            events.add(error);
        }
    }
}
