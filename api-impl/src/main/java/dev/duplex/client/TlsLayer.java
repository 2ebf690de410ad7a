package dev.duplex.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking {@link SocketChannel}: an {@link SSLEngine} (client mode) with its three buffers.
 *
 * <pre>
 *   channel --read--> netIn --unwrap--> appIn (plaintext, handed out by read())
 *   plaintext --wrap--> netOut --flush--> channel
 *   handshakeStep(): NEED_WRAP -> wrap+flush | NEED_UNWRAP -> read+unwrap | NEED_TASK -> caller runs tasks | DONE
 * </pre>
 *
 * {@code netIn} and {@code netOut} stay in fill mode (data from 0 to position). Nothing here blocks: a method that
 * cannot go on returns, and the caller ({@link SocketTransport}) waits for selector readiness or runs the engine's
 * delegated tasks on another thread.
 *
 * <p>Threads: confined to the connection's I/O thread, apart from {@link #delegatedTask()} whose tasks may run on
 * any thread while the I/O thread leaves the engine alone.
 */
final class TlsLayer {

    /** What the handshake waits for after {@link #handshakeStep()}. */
    enum Progress { WAIT_READ, WAIT_WRITE, RUN_TASKS, DONE }

    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

    private final SSLEngine engine;
    private final SocketChannel channel;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private ByteBuffer early;
    private boolean inboundClosed;
    private boolean eof;

    TlsLayer(SSLEngine engine, SocketChannel channel) {
        this.engine = engine;
        this.channel = channel;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(packet);
    }

    /** A task the engine needs run (certificate checks, key generation), or null. */
    Runnable delegatedTask() {
        return engine.getDelegatedTask();
    }

    /** True once nothing more will be read: the server sent close_notify or closed the socket. */
    boolean eof() {
        return eof;
    }

    /** True when encrypted bytes wait in {@code netOut} for the socket. */
    boolean hasPendingOutput() {
        return netOut.position() > 0;
    }

    /** Plaintext that arrived together with the last handshake records, or null; taken once. */
    ByteBuffer takeEarlyData() {
        ByteBuffer data = early;
        early = null;
        return data;
    }

    // ---------------------------------------------------------------- handshake

    /** Drives the handshake as far as it can go without waiting. */
    Progress handshakeStep() throws IOException {
        for (;;) {
            if (!flush()) {
                return Progress.WAIT_WRITE;
            }
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_WRAP:
                    if (!wrap(NOTHING) && !hasPendingOutput() && engine.getHandshakeStatus() == status) {
                        throw new SSLException("the TLS engine produced no handshake data");
                    }
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (!unwrapHandshake(status)) {
                        return Progress.WAIT_READ;
                    }
                    break;
                case NEED_TASK:
                    return Progress.RUN_TASKS;
                default:
                    return Progress.DONE;
            }
        }
    }

    /** One unwrap during the handshake; false when it must wait for more bytes. */
    private boolean unwrapHandshake(HandshakeStatus status) throws IOException {
        ByteBuffer plain = unwrap();
        if (plain != null) {
            ByteBuffer copy = ByteBuffer.allocate(plain.remaining() + (early == null ? 0 : early.remaining()));
            if (early != null) {
                copy.put(early);
            }
            early = copy.put(plain).flip();
        }
        if (inboundClosed) {
            throw new SSLException("the server closed the TLS session during the handshake");
        }
        if (plain == null && engine.getHandshakeStatus() == status) {
            int n = readNet();
            if (n < 0) {
                throw new EOFException("the server closed the connection during the TLS handshake");
            }
            return n > 0;
        }
        return true;
    }

    // ---------------------------------------------------------------- application data

    /**
     * The next plaintext (valid until the next call), or null when none is available now: then {@link #eof()} tells
     * whether more can come, and {@link #hasPendingOutput()} whether the engine queued an answer (a TLS 1.3
     * KeyUpdate) that must be flushed before reading on.
     */
    ByteBuffer read() throws IOException {
        for (;;) {
            ByteBuffer plain = unwrap();
            if (plain != null) {
                return plain;
            }
            if (inboundClosed) {
                eof = true;
                return null;
            }
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();   // rare once connected (a TLS 1.2 renegotiation)
                }
                continue;
            }
            if (status == HandshakeStatus.NEED_WRAP) {
                wrap(NOTHING);
                return null;
            }
            int n = readNet();
            if (n <= 0) {
                eof = n < 0;
                return null;
            }
        }
    }

    /**
     * Encrypts and writes {@code sources}. True when all of it (and every pending record) is on the socket; false
     * when the socket is full ({@link #hasPendingOutput()}) or the engine waits for the server's handshake data
     * (then a later read resumes it).
     */
    boolean write(ByteBuffer[] sources) throws IOException {
        for (;;) {
            if (!flush()) {
                return false;
            }
            if (!hasRemaining(sources)) {
                return true;
            }
            if (!wrap(sources) && !hasPendingOutput()) {
                return false;
            }
        }
    }

    /** Writes what it can of {@code netOut}; true when it is empty afterwards. */
    boolean flush() throws IOException {
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

    /** Sends close_notify (RFC 8446 §6.1) if the socket takes it now; a courtesy before the socket closes. */
    void closeOutbound() {
        engine.closeOutbound();
        try {
            wrap(NOTHING);
            flush();
        } catch (IOException e) {
            // the socket closes either way
        }
    }

    // ---------------------------------------------------------------- engine calls

    private int readNet() throws IOException {
        if (!netIn.hasRemaining()) {
            netIn = grow(netIn, engine.getSession().getPacketBufferSize());
        }
        return channel.read(netIn);
    }

    /** Decrypts buffered records into {@code appIn}; null when no application data can be produced now. */
    private ByteBuffer unwrap() throws SSLException {
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

    /** Encrypts what fits into {@code netOut}; false when nothing was produced. */
    private boolean wrap(ByteBuffer[] sources) throws SSLException {
        boolean produced = false;
        for (;;) {
            SSLEngineResult result = engine.wrap(sources, netOut);
            produced |= result.bytesProduced() > 0;
            switch (result.getStatus()) {
                case OK:
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
                    if (produced) {
                        return true;
                    }
                    throw new SSLException("the TLS session is closed: nothing more can be sent");
                default:
                    throw new SSLException("unexpected TLS wrap status " + result.getStatus());
            }
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

    /** A bigger buffer holding {@code buffer}'s data, in fill mode. */
    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, atLeast));
        buffer.flip();
        return bigger.put(buffer);
    }
}
