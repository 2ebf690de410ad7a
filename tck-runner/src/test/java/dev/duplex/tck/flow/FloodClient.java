package dev.duplex.tck.flow;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A client that floods one connection with numbered binary messages ({@link InboundProbe#payload}) as fast as the
 * socket takes them, on a non-blocking channel: when the server stops reading, TCP pushes back and the socket
 * accepts nothing more, which this client notices. It answers pings between two frames (Duplex pings the peer
 * when it resumes reading) and remembers a close frame. Used by one thread (the test's).
 */
final class FloodClient implements Closeable {

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(256 * 1024);
    private final Queue<ByteBuffer> pongs = new ArrayDeque<>();
    private ByteBuffer frame;
    private boolean frameIsData;
    private long nextMessage;
    private long dataBytesWritten;
    private long pingsAnswered;
    private RawFrames.Frame close;

    private FloodClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.selector = Selector.open();
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
    }

    /** Connects and completes the opening handshake (blocking), then switches to non-blocking I/O. */
    static FloodClient connect(URI uri, int sendBufferBytes) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            if (sendBufferBytes > 0) {
                channel.socket().setSendBufferSize(sendBufferBytes);
            }
            channel.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            RawFrames.handshake(channel, uri);
            return new FloodClient(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    int localPort() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    int remotePort() throws IOException {
        return ((InetSocketAddress) channel.getRemoteAddress()).getPort();
    }

    /** Bytes of data frames (header included) the socket has accepted. */
    long dataBytesWritten() {
        return dataBytesWritten;
    }

    /** Messages whose frame was completely written. */
    long messagesWritten() {
        return frame != null && frameIsData ? nextMessage - 1 : nextMessage;
    }

    long pingsAnswered() {
        return pingsAnswered;
    }

    RawFrames.Frame closeFrame() {
        return close;
    }

    /**
     * Writes messages until {@code total} were written (false is returned) or the socket has accepted nothing for
     * {@code quiet}: the server stopped reading (true is returned). Answers pings meanwhile.
     */
    boolean pump(long total, Duration quiet) throws IOException {
        while (true) {
            if (frame == null && !nextFrame(total)) {
                return false;
            }
            int n = channel.write(frame);
            if (frameIsData) {
                dataBytesWritten += n;
            }
            if (!frame.hasRemaining()) {
                frame = null;
            }
            if (n == 0) {
                if (!awaitWritable(quiet)) {
                    return true;
                }
            } else {
                readAvailable();
            }
        }
    }

    /** Sends a close frame and waits up to {@code timeout} for the server's close frame. */
    RawFrames.Frame closeAndAwaitReply(int code, Duration timeout) throws IOException {
        ByteBuffer closing = RawFrames.clientFrame(RawFrames.CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
        long deadline = System.nanoTime() + timeout.toNanos();
        while (closing.hasRemaining() && System.nanoTime() < deadline) {
            if (channel.write(closing) == 0) {
                awaitWritable(Duration.ofMillis(100));
            }
        }
        while (close == null && System.nanoTime() < deadline) {
            selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            selector.selectedKeys().clear();
            if (!readAvailable()) {
                break;
            }
        }
        return close;
    }

    private boolean nextFrame(long total) {
        ByteBuffer pong = pongs.poll();
        if (pong != null) {
            frame = pong;
            frameIsData = false;
            return true;
        }
        if (nextMessage >= total) {
            return false;
        }
        frame = RawFrames.clientFrame(RawFrames.BINARY, InboundProbe.payload(nextMessage++));
        frameIsData = true;
        return true;
    }

    /** Waits for the socket to take bytes again, reading (and answering pings) meanwhile; false after quiet. */
    private boolean awaitWritable(Duration quiet) throws IOException {
        long deadline = System.nanoTime() + quiet.toNanos();
        SelectionKey key = channel.keyFor(selector);
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                // A key's ready set is only meaningful when this select selected it (otherwise it is stale).
                if (selector.select(left) == 0 || !selector.selectedKeys().remove(key)) {
                    continue;
                }
                int ready = key.readyOps();
                if ((ready & SelectionKey.OP_READ) != 0) {
                    readAvailable();
                }
                if ((ready & SelectionKey.OP_WRITE) != 0) {
                    return true;
                }
            }
        } finally {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Reads what the server sent; false at end of stream. */
    private boolean readAvailable() throws IOException {
        int n = channel.read(in);
        in.flip();
        for (RawFrames.Frame f = RawFrames.parse(in); f != null; f = RawFrames.parse(in)) {
            if (f.opcode() == RawFrames.PING) {
                pongs.add(RawFrames.clientFrame(RawFrames.PONG, f.payload()));
                pingsAnswered++;
            } else if (f.opcode() == RawFrames.CLOSE && close == null) {
                close = f;
            }
        }
        in.compact();
        return n >= 0;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
