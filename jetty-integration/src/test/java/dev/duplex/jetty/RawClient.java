package dev.duplex.jetty;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A socket-level WebSocket client, for what the JDK's client hides: bytes sent with the request head, TCP EOF. */
final class RawClient implements AutoCloseable {

    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends the handshake request followed, in the same write, by {@code after}; returns the response head. */
    String handshake(String path, byte[] after) throws IOException {
        String key = Base64.getEncoder().encodeToString("duplex-jetty-key".getBytes(StandardCharsets.US_ASCII));
        byte[] head = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head);
        request.writeBytes(after);
        out.write(request.toByteArray());
        out.flush();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        while (!response.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            response.write(readByte());
        }
        return response.toString(StandardCharsets.ISO_8859_1);
    }

    /** A masked client frame with a payload under 126 bytes. */
    static byte[] frame(int opcode, byte[] payload) {
        byte[] mask = {1, 2, 3, 4};
        byte[] f = new byte[6 + payload.length];
        f[0] = (byte) (0x80 | opcode);
        f[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, f, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            f[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return f;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one unmasked server frame (payload under 126 bytes): its first byte, then the payload. */
    byte[] readFrame() throws IOException {
        int first = readByte();
        int length = readByte() & 0x7f;
        byte[] f = new byte[1 + length];
        f[0] = (byte) first;
        for (int i = 0; i < length; i++) {
            f[1 + i] = (byte) readByte();
        }
        return f;
    }

    /** The next byte, or -1 at end of stream; fails after the socket timeout. */
    int read() throws IOException {
        return in.read();
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the server closed the connection");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
