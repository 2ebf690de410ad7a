package dev.duplex.servlet.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@link WebSocket} client as a test peer for the container modules' tests (this module's test jar):
 * whole messages (String or byte[]) and pongs land in queues, the close code and reason in a future. Requests one
 * event at a time. The JDK's client takes one send at a time: a send made before the previous one's future completed
 * fails (its future completes with "Send pending"), so a test waits for each send's future before the next.
 */
public final class JdkPeer implements WebSocket.Listener, AutoCloseable {

    public static final long TIMEOUT_S = 20;

    public final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    public final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    public final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    public WebSocket ws;

    public static JdkPeer connect(HttpClient http, URI uri) throws Exception {
        JdkPeer peer = new JdkPeer();
        peer.ws = http.newWebSocketBuilder().buildAsync(uri, peer).get(TIMEOUT_S, TimeUnit.SECONDS);
        return peer;
    }

    /** The next whole message, or null after the timeout. */
    public Object next() throws InterruptedException {
        return messages.poll(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Sends a text message and returns the next message that arrives (null after the timeout). */
    public Object ask(String message) throws Exception {
        ws.sendText(message, true).get(TIMEOUT_S, TimeUnit.SECONDS);
        return next();
    }

    /** Sends a random binary message of each size and expects it back unchanged ({@link EchoEndpoint}). */
    public void assertBinaryEchoes(java.util.Random random, int... sizes) throws Exception {
        for (int size : sizes) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            ws.sendBinary(ByteBuffer.wrap(bytes), true).get(TIMEOUT_S, TimeUnit.SECONDS);
            Object echo = next();
            org.junit.jupiter.api.Assertions.assertTrue(echo instanceof byte[],
                    "no binary echo of " + size + " bytes: " + echo);
            org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, (byte[]) echo,
                    "binary echo of " + size + " bytes differs");
        }
    }

    /**
     * Sends {@code count} small text messages one after the other without waiting for any reply (so that many arrive
     * in one read, over TLS as many records), then checks that {@link EchoEndpoint} answered each, in order.
     */
    public void assertPipelinedEchoes(int count) throws Exception {
        CompletableFuture<WebSocket> sends = CompletableFuture.completedFuture(ws);
        for (int i = 0; i < count; i++) {
            String text = "message " + i;
            sends = sends.thenCompose(w -> w.sendText(text, true));
        }
        sends.get(TIMEOUT_S, TimeUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            org.junit.jupiter.api.Assertions.assertEquals("message " + i, next(), "reply " + i + " of " + count);
        }
    }

    /**
     * Asks {@link EchoEndpoint} ten times which transport read the message. Inline callbacks run below the transport
     * that read their message; one that arrives while the session's executor is still busy (its onOpen, say) runs
     * there instead and names none. So: never {@code other}, and {@code transport} at least once.
     */
    public void assertCarriedBy(String transport, String other) throws Exception {
        boolean seen = false;
        for (int i = 0; i < 10; i++) {
            String answer = (String) ask("transport?");
            org.junit.jupiter.api.Assertions.assertFalse(answer == null || answer.contains(other),
                    "carried by " + answer);
            seen |= answer.equals(transport);
        }
        org.junit.jupiter.api.Assertions.assertTrue(seen, "no message was read by " + transport);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (last) {
            messages.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        ByteBuffer copy = ByteBuffer.allocate(message.remaining());
        copy.put(message).flip();
        pongs.add(copy);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Ends the TCP connection without a close frame. */
    @Override
    public void close() {
        if (ws != null) {
            ws.abort();
        }
    }
}
