package dev.duplex.samples;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A test peer on the JDK's {@link WebSocket}: connects, sends, and records whole messages ({@code String} or
 * {@code byte[]}), the close ({@link Closed}) and any error, in arrival order. Every wait is bounded by
 * {@link #TIMEOUT_SECONDS}.
 */
public final class JdkSocket implements WebSocket.Listener, AutoCloseable {

    public static final long TIMEOUT_SECONDS = 30;
    public static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build();

    /** The close frame received: its code and reason. */
    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private WebSocket ws;

    private JdkSocket() {
    }

    public static JdkSocket connect(String url) throws Exception {
        JdkSocket socket = new JdkSocket();
        socket.ws = HTTP.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .buildAsync(URI.create(url), socket)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return socket;
    }

    public void send(String message) throws Exception {
        ws.sendText(message, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public void send(ByteBuffer message) throws Exception {
        ws.sendBinary(message, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next event: a {@code String}, a {@code byte[]}, a {@link Closed} or a {@code Throwable}. */
    public Object next() throws InterruptedException {
        Object event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "nothing received within " + TIMEOUT_SECONDS + " s");
        return event;
    }

    public String nextText() throws InterruptedException {
        return assertInstanceOf(String.class, next());
    }

    public JsonObject nextJson() throws InterruptedException {
        try (JsonReader reader = Json.createReader(new StringReader(nextText()))) {
            return reader.readObject();
        }
    }

    public Closed nextClose() throws InterruptedException {
        return assertInstanceOf(Closed.class, next());
    }

    /** Sends a close frame and waits for the server's. */
    public Closed closeNormally() throws Exception {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return nextClose();
    }

    @Override
    public void close() {
        ws.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            events.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        binary.writeBytes(part);
        if (last) {
            events.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        events.add(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        events.add(error);
    }
}
