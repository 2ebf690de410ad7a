package dev.duplex.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS records over a non-blocking channel: an {@link SSLEngine} with its three buffers.
 *
 * <pre>
 *   channel --readFrom--> netIn --unwrap--> appIn (plaintext for the listener)
 *   plaintext --wrap--> netOut --flush--> channel
 * </pre>
 *
 * {@code netIn} and {@code netOut} are kept in fill mode (data from 0 to position). Nothing here blocks: the
 * caller ({@link SocketTransport}) waits for selector readiness and runs delegated tasks elsewhere.
 *
 * <p>Threads: confined to the connection's I/O thread, apart from {@link #delegatedTask()} whose tasks may run on
 * any thread.
 */
final class TlsLayer {

    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private boolean inboundClosed;

    TlsLayer(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(packet);
    }

    SSLEngine engine() {
        return engine;
    }

    HandshakeStatus handshakeStatus() {
        return engine.getHandshakeStatus();
    }

    /** A task the engine needs run (certificate checks, key generation), or null. */
    Runnable delegatedTask() {
        return engine.getDelegatedTask();
    }

    /** True once the peer's close_notify arrived: no more plaintext will come. */
    boolean inboundClosed() {
        return inboundClosed;
    }

    /** Reads network bytes into {@code netIn}; -1 at end of stream. */
    int readFrom(SocketChannel channel) throws IOException {
        if (!netIn.hasRemaining()) {
            netIn = grow(netIn, engine.getSession().getPacketBufferSize());
        }
        return channel.read(netIn);
    }

    /**
     * Decrypts buffered records. Returns plaintext (valid until the next call), or null when no application data
     * can be produced now: a whole record is not buffered yet, the engine needs a task or a wrap, or the peer sent
     * close_notify (see {@link #inboundClosed()}).
     */
    ByteBuffer unwrap() throws SSLException {
        appIn.clear();
        netIn.flip();
        try {
            while (netIn.hasRemaining() && !inboundClosed) {
                SSLEngineResult result = engine.unwrap(netIn, appIn);
                switch (result.getStatus()) {
                    case OK:
                        if (appIn.position() > 0) {
                            return appIn.flip();
                        }
                        HandshakeStatus hs = result.getHandshakeStatus();
                        if (hs == HandshakeStatus.NEED_TASK || hs == HandshakeStatus.NEED_WRAP) {
                            return null;
                        }
                        break;
                    case BUFFER_OVERFLOW:
                        appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                        break;
                    case BUFFER_UNDERFLOW:
                        return null;
                    case CLOSED:
                        inboundClosed = true;
                        return appIn.position() > 0 ? appIn.flip() : null;
                    default:
                        throw new SSLException("unexpected TLS unwrap status " + result.getStatus());
                }
            }
            return null;
        } finally {
            netIn.compact();
        }
    }

    /**
     * Encrypts as much of {@code sources} as fits into {@code netOut} (handshake records first when the engine
     * needs them). Returns false when nothing could be produced: {@code netOut} must be flushed first, or the
     * engine waits for the peer's handshake data.
     */
    boolean wrap(ByteBuffer[] sources) throws SSLException {
        boolean produced = false;
        for (;;) {
            SSLEngineResult result = engine.wrap(sources, netOut);
            switch (result.getStatus()) {
                case OK:
                    produced |= result.bytesProduced() > 0;
                    if (result.bytesProduced() == 0 || !hasRemaining(sources)) {
                        return produced;
                    }
                    break;
                case BUFFER_OVERFLOW:
                    if (netOut.position() == 0) {
                        netOut = grow(netOut, engine.getSession().getPacketBufferSize());
                        break;
                    }
                    return produced;
                case CLOSED:
                    if (result.bytesProduced() > 0) {
                        return true;
                    }
                    throw new SSLException("the TLS session is closed: nothing more can be sent");
                default:
                    throw new SSLException("unexpected TLS wrap status " + result.getStatus());
            }
        }
    }

    /** Produces the handshake (or close_notify) records the engine asks for. */
    boolean wrapHandshake() throws SSLException {
        return wrap(NOTHING);
    }

    /** True when encrypted bytes wait in {@code netOut}. */
    boolean hasPendingOutput() {
        return netOut.position() > 0;
    }

    /** Writes what it can of {@code netOut}; true when it is empty afterwards. */
    boolean flush(SocketChannel channel) throws IOException {
        if (netOut.position() == 0) {
            return true;
        }
        netOut.flip();
        try {
            channel.write(netOut);
        } finally {
            netOut.compact();
        }
        return netOut.position() == 0;
    }

    /** Queues close_notify (RFC 8446 §6.1); the caller flushes it if it can. */
    void closeOutbound() {
        engine.closeOutbound();
        try {
            wrapHandshake();
        } catch (SSLException e) {
            // Closing anyway: a close_notify that cannot be produced is simply not sent.
        }
    }

    static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /** A bigger buffer holding {@code buffer}'s data (fill mode kept). */
    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, atLeast));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }
}
