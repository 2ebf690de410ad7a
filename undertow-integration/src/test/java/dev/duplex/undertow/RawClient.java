package dev.duplex.undertow;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A socket-level WebSocket client, for what the JDK's client hides: bytes sent in the handshake's write, the frames
 * of a close handshake, TCP end-of-file. Payloads under 126 bytes. Every read fails after 20 s.
 */
final class RawClient implements AutoCloseable {

    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends the handshake request followed, in the same write, by {@code after}; returns the response head. */
    String handshake(String path, byte[] after) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: ZHVwbGV4LXVuZGVydG93LQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(after);
        send(request.toByteArray());
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || head.lastIndexOf("\r\n\r\n") != head.length() - 4) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    /** A final, masked client frame. */
    static byte[] frame(int opcode, byte[] payload) {
        byte[] mask = {7, 1, 9, 3};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a text message and returns the payload of the next frame, as text. */
    String ask(String text) throws IOException {
        send(frame(TEXT, text.getBytes(StandardCharsets.UTF_8)));
        byte[] reply = readFrame();
        return new String(reply, 1, reply.length - 1, StandardCharsets.UTF_8);
    }

    /** One unmasked server frame: its first byte, then its payload. */
    byte[] readFrame() throws IOException {
        int first = in.readUnsignedByte();
        byte[] frame = new byte[1 + (in.readUnsignedByte() & 0x7f)];
        frame[0] = (byte) first;
        in.readFully(frame, 1, frame.length - 1);
        return frame;
    }

    /** The next byte, or -1 at end of stream. */
    int read() throws IOException {
        return in.read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
