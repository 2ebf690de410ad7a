package dev.duplex.tck.support;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link WebSocket.Listener} for the JDK client that joins message parts and queues whole messages, pongs,
 * the close and errors in arrival order, for the test thread to take with {@link #next}.
 *
 * <p>The JDK calls the listener methods one at a time on its own threads; the test thread only reads the queue.
 */
public final class RecordingListener implements WebSocket.Listener {

    /** How long {@link #next} waits for an event: generous, so that a slow machine never fails a test. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final BlockingQueue<WebSocketEvent> events = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    /** What the test thread took so far, for failure messages. */
    private final List<String> taken = new ArrayList<>();

    /** The next event, waiting up to {@link #TIMEOUT} for it. */
    public WebSocketEvent next() throws InterruptedException {
        return next("the next event");
    }

    /** The next event, which must be of the given type. */
    public <T extends WebSocketEvent> T next(Class<T> type) throws InterruptedException {
        return next(type, "a " + type.getSimpleName());
    }

    /**
     * The next event, which must be of the given type.
     *
     * @param expected what the test waits for, for the failure message
     */
    public <T extends WebSocketEvent> T next(Class<T> type, String expected) throws InterruptedException {
        WebSocketEvent event = next(expected);
        if (!type.isInstance(event)) {
            fail("Got " + event + " while waiting for " + expected + "; taken before: "
                    + taken.subList(0, taken.size() - 1));
        }
        return type.cast(event);
    }

    private WebSocketEvent next(String expected) throws InterruptedException {
        WebSocketEvent event = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            fail("Nothing received within " + TIMEOUT.toSeconds() + " s while waiting for " + expected
                    + "; taken before: " + taken);
        }
        taken.add(event.toString());
        return event;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            events.add(new WebSocketEvent.Text(text.toString()));
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        binary.writeBytes(copy(data));
        if (last) {
            events.add(new WebSocketEvent.Binary(binary.toByteArray()));
            binary.reset();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        // The JDK answers pings itself.
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        events.add(new WebSocketEvent.Pong(copy(message)));
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        events.add(new WebSocketEvent.Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        events.add(new WebSocketEvent.Failure(error));
    }

    private static byte[] copy(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }
}
