package dev.duplex.tck.flow;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RFC 6455 on a bare socket, for clients that must control exactly when they read and write (a flooding client, a
 * reader that stalls): the opening handshake, masked client frames, and parsing of the server's frames.
 * Stateless; any thread.
 */
final class RawFrames {

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** A frame from the server (unmasked). */
    record Frame(int opcode, boolean fin, byte[] payload) {
        /** The status code of a close frame, or 1005 when it has none. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private RawFrames() {
    }

    /** Sends the opening handshake on a connected, blocking channel and reads the response head; expects 101. */
    static void handshake(SocketChannel channel, URI uri) throws IOException {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        // Byte by byte, so that no frame byte after the head is consumed here.
        StringBuilder head = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new EOFException("connection closed during the handshake; received: " + head);
            }
            head.append((char) (one.get(0) & 0xFF));
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake to " + uri + " refused: " + head.toString().trim());
        }
    }

    /** A whole masked client frame. */
    static ByteBuffer clientFrame(int opcode, byte[] payload) {
        int length = payload.length;
        int header = 2 + (length < 126 ? 0 : length <= 0xFFFF ? 2 : 8) + 4;
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return frame.flip();
    }

    /** The size on the wire of a client frame with {@code length} payload bytes. */
    static int clientFrameSize(int length) {
        return 2 + (length < 126 ? 0 : length <= 0xFFFF ? 2 : 8) + 4 + length;
    }

    /**
     * Takes one whole server frame from {@code in} (read mode), or returns null and leaves {@code in} untouched
     * when the frame is not complete yet.
     */
    static Frame parse(ByteBuffer in) {
        int start = in.position();
        if (in.remaining() < 2) {
            return null;
        }
        int b0 = in.get() & 0xFF;
        int b1 = in.get() & 0xFF;
        long length = b1 & 0x7F;
        if (length == 126) {
            if (in.remaining() < 2) {
                in.position(start);
                return null;
            }
            length = in.getShort() & 0xFFFF;
        } else if (length == 127) {
            if (in.remaining() < 8) {
                in.position(start);
                return null;
            }
            length = in.getLong();
        }
        if ((b1 & 0x80) != 0 || length > in.capacity()) {
            throw new IllegalStateException("unexpected server frame: masked or " + length + " bytes long");
        }
        if (in.remaining() < length) {
            in.position(start);
            return null;
        }
        byte[] payload = new byte[(int) length];
        in.get(payload);
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
    }

    /** Reads one whole server frame from a blocking stream. */
    static Frame read(DataInputStream in) throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((b1 & 0x80) != 0 || length > 64 * 1024 * 1024) {
            throw new IOException("unexpected server frame: masked or " + length + " bytes long");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
    }
}
