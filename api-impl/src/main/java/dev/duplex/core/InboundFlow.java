package dev.duplex.core;

import dev.duplex.transport.Transport;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Inbound back-pressure for one connection (DESIGN.md §3 rule 5): counts the received bytes handed to the
 * application and not yet consumed; above the limit it pauses the transport, at half the limit it resumes.
 * Whole messages count until their callback returns; streamed messages count chunk by chunk until the
 * application reads them.
 *
 * <p>Threads: {@code dispatch}/{@code stream*} on the reader thread (inside {@code Connection.onRead}, which kicks
 * the dispatcher after each read), or in a dispatcher task; {@code consumed} from dispatcher threads.
 */
final class InboundFlow {

    private final Transport transport;
    private final SerialExecutor dispatcher;
    private final long limit;
    private final boolean inline;
    private long pending;
    /** What the count asks of the transport: reading paused. */
    private boolean paused;
    private StreamPipe stream;

    InboundFlow(Transport transport, SerialExecutor dispatcher, long limit, boolean inline) {
        this.transport = transport;
        this.dispatcher = dispatcher;
        this.limit = limit;
        this.inline = inline;
    }

    /**
     * Hands {@code task} to the dispatcher (inline on this reading thread when so configured, the transport allows
     * it now and the dispatcher is idle), counting {@code bytes} until it has run.
     */
    void dispatch(long bytes, Runnable task) {
        add(bytes);
        Runnable counted = () -> {
            try {
                task.run();
            } finally {
                consumed(bytes);
            }
        };
        if (inline && transport.inlineCallbacks()) {
            dispatcher.executeInline(counted);
        } else {
            dispatcher.enqueue(counted); // scheduled once per read: Connection.onRead kicks the dispatcher
        }
    }

    /** A streamed message starts: the application gets its stream on the dispatcher, in message order. */
    void streamStart(Consumer<StreamPipe> deliver) {
        StreamPipe pipe = new StreamPipe(this::consumed);
        synchronized (this) {
            stream = pipe;
        }
        dispatcher.execute(() -> {
            try {
                deliver.accept(pipe);
            } finally {
                pipe.abandon();
            }
        });
    }

    void streamChunk(byte[] chunk) {
        add(chunk.length);
        currentStream().offer(chunk);
    }

    void streamEnd() {
        StreamPipe pipe;
        synchronized (this) {
            pipe = stream;
            stream = null;
        }
        pipe.end();
    }

    /** The connection ended: a reader blocked on a half-received stream gets this failure. */
    void failStream(IOException cause) {
        StreamPipe pipe;
        synchronized (this) {
            pipe = stream;
            stream = null;
        }
        if (pipe != null) {
            pipe.fail(cause);
        }
    }

    private synchronized StreamPipe currentStream() {
        return stream;
    }

    private void add(long bytes) {
        synchronized (this) {
            pending += bytes;
            if (paused || pending <= limit) {
                return;
            }
            paused = true;
        }
        tell(true);
    }

    void consumed(long bytes) {
        synchronized (this) {
            pending -= bytes;
            if (!paused || pending > limit / 2) {
                return;
            }
            paused = false;
        }
        tell(false);
    }

    /**
     * Tells the transport to pause or resume at once, then looks again: the reader's pause and a dispatcher thread's
     * resume are decided under this object's lock but told outside it (a transport call must not run under it), so
     * the two calls may reach the transport in the other order. Told "resume, pause" for "pause, resume", reading
     * would stay paused for good with the application caught up; told "pause, resume" the other way, it would run on
     * past the limit. So whoever finds, after its call, that the count now asks the opposite tells that too: the
     * last call the transport gets is always the last decision. The pause is never delayed (no read beyond the
     * limit), and no thread waits for another.
     */
    private void tell(boolean pause) {
        while (true) {
            if (pause) {
                transport.pauseReading();
            } else {
                transport.resumeReading();
            }
            synchronized (this) {
                if (paused == pause) {
                    return;
                }
                pause = paused;
            }
        }
    }
}
