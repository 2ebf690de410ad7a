package dev.duplex.client;

import dev.duplex.transport.WriteCallback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one outstanding write of a {@link SocketTransport}, plain or through its {@link TlsLayer}.
 *
 * <pre>
 *   [idle] --begin()--> [pending] --pump(): socket took all--> completion on the callback pool --> [idle]
 *                           ^  |
 *                           +--+ pump() on OP_WRITE (socket full) or after a read (TLS waiting for the server)
 * </pre>
 *
 * A plain write from an application thread first tries the socket on that thread ({@link #writeDirect}) and
 * completes there when the socket takes it all, so a small send costs no thread hop. Completions on the loop run on
 * the callback pool: a {@code SendHandler} never runs on an I/O thread.
 *
 * <p>Threads: {@link #writeDirect} on the sender's thread (never while a write is pending, by the transport
 * contract); everything else on the loop thread.
 */
final class ChannelWriter {

    private static final ByteBuffer[] NO_DATA = {};

    private final SocketChannel channel;
    private final Executor completions;
    private volatile TlsLayer tls;
    private volatile boolean directWriting;
    private ByteBuffer[] buffers;
    private WriteCallback callback;
    private boolean wantWrite;

    ChannelWriter(SocketChannel channel, Executor completions) {
        this.channel = channel;
        this.completions = completions;
    }

    /** From now on, bytes go through TLS. */
    void useTls(TlsLayer layer) {
        this.tls = layer;
    }

    /** True while a write waits for completion (on the loop or on a sender's thread). */
    boolean busy() {
        return callback != null || directWriting;
    }

    /** True when the writer waits for the socket to take more (OP_WRITE). */
    boolean wantsWrite() {
        return wantWrite;
    }

    /**
     * Tries a plain write on the caller's thread. True when it is finished (completed or failed, callback called);
     * false when the loop must take it over (TLS, a full socket, or closing).
     *
     * @param closing true once the transport was asked to close
     * @throws IOException when the socket failed; the callback has been told
     */
    boolean writeDirect(ByteBuffer[] data, WriteCallback done, boolean closing) throws IOException {
        if (tls != null) {
            return false;
        }
        directWriting = true;
        try {
            if (closing) {
                return false;
            }
            while (TlsLayer.hasRemaining(data)) {
                if (channel.write(data) == 0) {
                    return false;
                }
            }
        } catch (IOException e) {
            done.failed(e);
            throw e;
        } finally {
            directWriting = false;
        }
        done.completed();
        return true;
    }

    /** Takes over a write on the loop thread and writes what the socket takes. */
    void begin(ByteBuffer[] data, WriteCallback done) throws IOException {
        buffers = data;
        callback = done;
        pump();
    }

    /** Writes what it can: the pending write, or protocol records that TLS queued (e.g. a KeyUpdate answer). */
    void pump() throws IOException {
        boolean drained;
        if (tls == null) {
            drained = writePlain();
        } else {
            drained = tls.write(buffers == null ? NO_DATA : buffers);
            wantWrite = !drained && tls.hasPendingOutput();
        }
        if (drained && callback != null) {
            WriteCallback done = callback;
            callback = null;
            buffers = null;
            complete(done, null);
        }
    }

    /** Fails the pending write, if any. */
    void fail(IOException cause) {
        if (callback != null) {
            WriteCallback pending = callback;
            callback = null;
            buffers = null;
            complete(pending, cause);
        }
    }

    /** Completes {@code done} on the callback pool (inline once the pool has stopped). */
    void complete(WriteCallback done, IOException failure) {
        Runnable run = failure == null ? done::completed : () -> done.failed(failure);
        try {
            completions.execute(run);
        } catch (RejectedExecutionException e) {
            run.run();
        }
    }

    private boolean writePlain() throws IOException {
        wantWrite = false;
        while (buffers != null && TlsLayer.hasRemaining(buffers)) {
            if (channel.write(buffers) == 0) {
                wantWrite = true;
                return false;
            }
        }
        return true;
    }
}
