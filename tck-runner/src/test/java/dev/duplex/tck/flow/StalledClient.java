package dev.duplex.tck.flow;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that connects, completes the handshake and then does not read: its receive buffer is made small, so the
 * server's writes soon back up in the kernel, the container and the session's outbound queue. Later the test can
 * {@link #drain} it: read the binary messages (their round numbers) up to a count or a close frame. Used by one
 * thread at a time.
 */
final class StalledClient implements Closeable {

    private final SocketChannel channel;
    private final DataInputStream in;
    private final OutputStream out;

    /** What {@link #drain} read: the round numbers of the binary messages, and the close frame if one came. */
    record Drained(List<Integer> rounds, RawFrames.Frame close, String failure) {
    }

    private StalledClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.socket().setSoTimeout(30_000);
        this.in = new DataInputStream(new BufferedInputStream(channel.socket().getInputStream(), 64 * 1024));
        this.out = channel.socket().getOutputStream();
    }

    static StalledClient connect(URI uri, int receiveBufferBytes) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().setReceiveBufferSize(receiveBufferBytes); // before connect: sets the TCP window
            channel.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            RawFrames.handshake(channel, uri);
            return new StalledClient(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Reads until {@code count} binary messages arrived, a close frame arrived (answered with the same code), the
     * stream ended, or 30 s passed without a byte. Never throws: a failure is reported in the result.
     */
    Drained drain(int count) {
        List<Integer> rounds = new ArrayList<>();
        try {
            while (rounds.size() < count) {
                RawFrames.Frame frame = RawFrames.read(in);
                if (frame.opcode() == RawFrames.BINARY) {
                    rounds.add(ByteBuffer.wrap(frame.payload()).getInt());
                } else if (frame.opcode() == RawFrames.CLOSE) {
                    send(RawFrames.clientFrame(RawFrames.CLOSE, new byte[] {
                        (byte) (frame.closeCode() >> 8), (byte) frame.closeCode()}));
                    return new Drained(rounds, frame, null);
                }
            }
            return new Drained(rounds, null, null);
        } catch (IOException e) {
            return new Drained(rounds, null, e.toString());
        }
    }

    /** Sends a close frame and reads (skipping data) until the server's close frame; null if none came. */
    RawFrames.Frame closeAndAwaitReply(int code) throws IOException {
        send(RawFrames.clientFrame(RawFrames.CLOSE, new byte[] {(byte) (code >> 8), (byte) code}));
        while (true) {
            RawFrames.Frame frame = RawFrames.read(in);
            if (frame.opcode() == RawFrames.CLOSE) {
                return frame;
            }
        }
    }

    /** Sends one text message (the client still reads nothing). */
    void sendText(String text) throws IOException {
        send(RawFrames.clientFrame(RawFrames.TEXT, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private void send(ByteBuffer frame) throws IOException {
        out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
