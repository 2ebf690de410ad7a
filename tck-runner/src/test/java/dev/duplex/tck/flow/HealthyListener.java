package dev.duplex.tck.flow;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * A JDK WebSocket listener for the healthy sessions of {@link SlowReaderIT}: reads every binary message as it
 * arrives, checks its round number (first 4 bytes: 0, 1, 2, ... in order) and size, and counts whole messages,
 * without keeping the data. The JDK calls it one invocation at a time; the test thread reads its counters.
 */
final class HealthyListener implements WebSocket.Listener {

    private final int size;
    private final ByteBuffer head = ByteBuffer.allocate(4);
    private long messageBytes;
    private int messages;
    private volatile String error;
    private volatile int closeCode = -1;

    HealthyListener(int size) {
        this.size = size;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        messageBytes += data.remaining();
        while (head.hasRemaining() && data.hasRemaining()) {
            head.put(data.get());
        }
        if (last) {
            int round = head.flip().getInt();
            if (error == null && (round != messages || messageBytes != size)) {
                error = "message " + messages + " arrived as round " + round + " with " + messageBytes + " bytes";
            }
            head.clear();
            messageBytes = 0;
            synchronized (this) {
                messages++;
                notifyAll();
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        error = "unexpected text message";
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeCode = statusCode;
        synchronized (this) {
            notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable failure) {
        error = "failed: " + failure;
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits until {@code count} messages arrived (or an error); returns the count reached. */
    synchronized int awaitMessages(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (messages < count && error == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return messages;
    }

    String error() {
        return error;
    }

    int closeCode() {
        return closeCode;
    }
}
