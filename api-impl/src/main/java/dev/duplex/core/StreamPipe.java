package dev.duplex.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * One streamed message (DESIGN.md §3 rule 5): the reader thread offers chunks as frames arrive, the application
 * reads them through {@link #inputStream()} or {@link #reader()} on its dispatcher thread, blocking until bytes
 * arrive. Bytes taken (or dropped once the application stops reading) are reported to {@code consumed}, outside
 * the pipe's lock, so the connection can resume reading.
 *
 * <p>Threads: {@code offer}/{@code end}/{@code fail} from the reader; reads from one application thread.
 */
final class StreamPipe {

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final LongConsumer consumed;
    private boolean ended;
    private boolean abandoned;
    private IOException failure;
    private byte[] current;
    private int position;

    StreamPipe(LongConsumer consumed) {
        this.consumed = consumed;
    }

    /** A chunk of the message (the pipe keeps the array). */
    void offer(byte[] chunk) {
        synchronized (this) {
            if (!abandoned) {
                chunks.add(chunk);
                notifyAll();
                return;
            }
        }
        consumed.accept(chunk.length);
    }

    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized void fail(IOException cause) {
        if (!ended && failure == null) {
            failure = cause;
            notifyAll();
        }
    }

    /** The application returned: drop what it did not read, and whatever still arrives for this message. */
    void abandon() {
        long dropped = 0;
        synchronized (this) {
            abandoned = true;
            for (byte[] c : chunks) {
                dropped += c.length;
            }
            chunks.clear();
            current = null;
        }
        if (dropped > 0) {
            consumed.accept(dropped);
        }
    }

    /** Copies up to {@code len} bytes, blocking until some arrive; -1 at the end of the message. */
    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        byte[] taken = null;
        int n;
        synchronized (this) {
            while (current == null || position == current.length) {
                current = chunks.poll();
                position = 0;
                if (current != null) {
                    taken = current;
                    break;
                }
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return -1;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading a streamed message");
                }
            }
            n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
        }
        if (taken != null) {
            consumed.accept(taken.length);
        }
        return n;
    }

    InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = StreamPipe.this.read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return StreamPipe.this.read(b, off, len);
            }
        };
    }

    /** The message as characters (its bytes were validated as UTF-8 while they arrived). */
    Reader reader() {
        return new InputStreamReader(inputStream(), StandardCharsets.UTF_8);
    }
}
