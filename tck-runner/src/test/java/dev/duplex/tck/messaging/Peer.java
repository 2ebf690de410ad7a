package dev.duplex.tck.messaging;

import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketClient;
import dev.duplex.tck.support.WebSocketEvent;
import dev.duplex.tck.support.WebSocketEvent.Binary;
import dev.duplex.tck.support.WebSocketEvent.Close;
import dev.duplex.tck.support.WebSocketEvent.Text;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.duplex.tck.support.WebSocketClient.await;

/**
 * Test-side peer for the messaging, sending, session and lifecycle suites: one JDK {@code java.net.http.WebSocket}
 * and its {@link RecordingListener}, with one-line sends (each awaited) and typed takes.
 *
 * <p>It also counts the events the JDK delivers, so that a test can assert that nothing arrived during a quiet
 * period ({@link #assertQuietFor}), and {@link #close} ends a connection the test left open with a normal close.
 * Only the test thread calls its methods; the JDK calls the listener.
 */
public final class Peer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(RecordingListener.TIMEOUT)
            .build();

    /** How long {@link #close} waits for each step of a normal close before aborting. */
    private static final long CLOSE_WAIT_MILLIS = 5000;

    private final WebSocket ws;
    private final RecordingListener listener;
    private final AtomicInteger delivered;
    private final AtomicBoolean ended;

    private Peer(WebSocket ws, RecordingListener listener, AtomicInteger delivered, AtomicBoolean ended) {
        this.ws = ws;
        this.listener = listener;
        this.delivered = delivered;
        this.ended = ended;
    }

    /** Connects to {@code path} (relative to the deployment's context root, may carry a query). */
    public static Peer open(URL base, String path) throws Exception {
        return open(base, path, new String[0]);
    }

    /** Connects, offering the given subprotocols (most preferred first). */
    public static Peer open(URL base, String path, String... subprotocols) throws Exception {
        RecordingListener recording = new RecordingListener();
        AtomicInteger delivered = new AtomicInteger();
        AtomicBoolean ended = new AtomicBoolean();
        WebSocket.Listener counting = new Counting(recording, delivered, ended);
        URI uri = WebSocketClient.uri(base, path);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(RecordingListener.TIMEOUT);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        WebSocket ws;
        try {
            ws = builder.buildAsync(uri, counting).get(RecordingListener.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new AssertionError("Opening handshake to " + uri + " refused: HTTP "
                        + refused.getResponse().statusCode() + " " + refused.getResponse().body(), refused);
            }
            throw e;
        }
        return new Peer(ws, recording, delivered, ended);
    }

    public WebSocket ws() {
        return ws;
    }

    public RecordingListener listener() {
        return listener;
    }

    /** Sends a whole text message and waits until the client has written it. */
    public Peer send(String text) throws Exception {
        await(ws.sendText(text, true));
        return this;
    }

    /** Sends one fragment of a text message. */
    public Peer sendPart(String text, boolean last) throws Exception {
        await(ws.sendText(text, last));
        return this;
    }

    public Peer sendBinary(byte[] bytes) throws Exception {
        await(ws.sendBinary(ByteBuffer.wrap(bytes), true));
        return this;
    }

    public Peer sendBinaryPart(byte[] bytes, boolean last) throws Exception {
        await(ws.sendBinary(ByteBuffer.wrap(bytes), last));
        return this;
    }

    public Peer sendPong(String payload) throws Exception {
        await(ws.sendPong(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8))));
        return this;
    }

    /** The next event, which must be a whole text message. */
    public String nextText() throws InterruptedException {
        return listener.next(Text.class).text();
    }

    /** The next event, which must be a whole text message; {@code expected} names it in a failure. */
    public String nextText(String expected) throws InterruptedException {
        return listener.next(Text.class, expected).text();
    }

    public byte[] nextBinary() throws InterruptedException {
        return listener.next(Binary.class).bytes();
    }

    public WebSocketEvent next() throws InterruptedException {
        return listener.next();
    }

    public Close nextClose() throws InterruptedException {
        return listener.next(Close.class, "the close frame");
    }

    /** Sends a text command and returns the next text message (the endpoint's reply). */
    public String request(String command) throws Exception {
        send(command);
        return nextText("the reply to \"" + command + "\"");
    }

    /** Sends a close frame and returns the server's close frame. */
    public Close closeWith(int code, String reason) throws Exception {
        await(ws.sendClose(code, reason));
        return nextClose();
    }

    /** How many messages, pongs, closes and errors the JDK delivered so far. */
    public int delivered() {
        return delivered.get();
    }

    /**
     * Asserts that nothing arrives for {@code millis}: a bounded quiet period used only where the behaviour under
     * test is that something is held back (batching), never to wait for something to happen.
     */
    public void assertQuietFor(long millis, String why) throws InterruptedException {
        int before = delivered.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (delivered) {
            long left;
            while ((left = deadline - System.nanoTime()) > 0 && delivered.get() == before) {
                delivered.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        if (delivered.get() != before) {
            throw new AssertionError("Something arrived while " + why + ": " + listener.next());
        }
    }

    /**
     * Ends the connection if the test did not: a normal close (1000) and up to {@value #CLOSE_WAIT_MILLIS} ms for
     * the server's close frame, then an abort, which releases the socket whatever the server did.
     */
    @Override
    public void close() {
        if (ws.isInputClosed() && ws.isOutputClosed()) {
            return;
        }
        try {
            if (!ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
            synchronized (delivered) {
                long left;
                while (!ended.get() && (left = deadline - System.nanoTime()) > 0) {
                    delivered.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (Exception e) {
            // The abort below ends the connection anyway.
        } finally {
            ws.abort();
        }
    }

    /**
     * Counts deliveries and notes the end of the input (close or error), then lets the {@link RecordingListener}
     * record them.
     */
    private record Counting(RecordingListener delegate, AtomicInteger delivered, AtomicBoolean ended)
            implements WebSocket.Listener {

        private void count() {
            synchronized (delivered) {
                delivered.incrementAndGet();
                delivered.notifyAll();
            }
        }

        private void end() {
            synchronized (delivered) {
                ended.set(true);
                delivered.notifyAll();
            }
        }

        @Override
        public void onOpen(WebSocket ws) {
            delegate.onOpen(ws);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            count();
            return delegate.onText(ws, data, last);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            count();
            return delegate.onBinary(ws, data, last);
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            return delegate.onPing(ws, message);
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            count();
            return delegate.onPong(ws, message);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            count();
            CompletionStage<?> reply = delegate.onClose(ws, statusCode, reason);
            end();
            return reply;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            count();
            delegate.onError(ws, error);
            end();
        }
    }
}
