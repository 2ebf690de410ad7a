package dev.duplex.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client connection of the {@link LoadGenerator}: the RFC 6455 client handshake, an output queue written with
 * gathering writes, and an incremental parser of the server's (unmasked) frames that checks each payload byte as it
 * arrives against the message it must echo (no message is buffered whole). Continuation frames, pings (answered)
 * and a server close (an error here) are handled. Used by the generator's one thread only.
 */
final class ClientConnection {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    final int id;
    final SocketChannel channel;
    SelectionKey key;
    long received;
    private final LoadGenerator generator;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private String acceptKey;
    private boolean open;
    private boolean batching;
    private long sent;
    private long[] sentAt;
    // frame and message being received
    private int opcode;
    private boolean fin;
    private long frameRemaining = -1; // -1: expecting a header
    private boolean inMessage;
    private long messageOffset;
    private byte[] expectedSeq;

    ClientConnection(LoadGenerator generator, int id, SocketChannel channel) {
        this.generator = generator;
        this.id = id;
        this.channel = channel;
        this.sentAt = new long[Math.max(1, generator.scenario.inFlight())];
    }

    void connected() throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        acceptKey = accept(key);
        String request = "GET " + generator.scenario.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        this.key.interestOps(SelectionKey.OP_READ);
        queue(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /**
     * ECHO/IDLE: sends this connection's next message; {@code now} is its send time. A send made while a read's
     * echoes are being checked waits for the end of that read, so the messages that the echoes of one read release
     * leave in one gathering write, as a client that answers a batch of replies writes them.
     */
    void send(long now) throws IOException {
        sentAt[(int) (sent % sentAt.length)] = now;
        long seq = (long) id << 32 | sent;
        sent++;
        for (ByteBuffer part : generator.frames.frame(seq)) {
            out.add(part);
        }
        if (!batching) {
            flush();
        }
    }

    /** ECHO: the first {@code count} messages of a run, in one write. */
    void sendFirst(int count) throws IOException {
        batching = true;
        try {
            for (int i = 0; i < count; i++) {
                send(System.nanoTime());
            }
        } finally {
            batching = false;
        }
        flush();
    }

    void sendBroadcast(long seq) throws IOException {
        for (ByteBuffer part : generator.frames.frame(seq)) {
            out.add(part);
        }
        flush();
    }

    private void queue(ByteBuffer bytes) throws IOException {
        out.add(bytes);
        flush();
    }

    void flush() throws IOException {
        while (!out.isEmpty()) {
            channel.write(out.toArray(new ByteBuffer[0]));
            while (!out.isEmpty() && !out.peek().hasRemaining()) {
                out.poll();
            }
            if (!out.isEmpty()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    void read() throws IOException {
        int n = channel.read(in);
        if (n < 0) {
            throw new IOException("the server closed the connection" + (open ? "" : " during the handshake"));
        }
        in.flip();
        if (!open) {
            handshake();
        }
        if (open) {
            batching = true;
            try {
                frames();
            } finally {
                batching = false;
            }
            if (!out.isEmpty()) {
                flush();
            }
        }
        in.compact();
    }

    private void handshake() throws IOException {
        int end = -1;
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                end = i + 4;
                break;
            }
        }
        if (end < 0) {
            if (!in.hasRemaining() || in.limit() == in.capacity()) {
                throw new IOException("handshake response head over " + in.capacity() + " bytes");
            }
            return;
        }
        String head = new String(in.array(), in.position(), end - in.position(), StandardCharsets.ISO_8859_1);
        in.position(end);
        String[] lines = head.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + lines[0]);
        }
        boolean accepted = false;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                accepted = line.substring(colon + 1).trim().equals(acceptKey);
            }
        }
        if (!accepted) {
            throw new IOException("handshake: missing or wrong Sec-WebSocket-Accept in " + head.trim());
        }
        open = true;
        generator.handshakeDone();
    }

    private void frames() throws IOException {
        while (true) {
            if (frameRemaining < 0 && !header()) {
                return;
            }
            if (opcode >= 0x8) {
                if (in.remaining() < frameRemaining) {
                    return;
                }
                control();
                continue;
            }
            int count = (int) Math.min(frameRemaining, in.remaining());
            if (count > 0) {
                if (messageOffset + count > generator.frames.size) {
                    throw new IOException("message longer than the " + generator.frames.size + " bytes sent");
                }
                if (!generator.frames.check(expectedSeq, messageOffset, in.array(), in.position(), count)) {
                    throw new IOException("echo mismatch in message " + Long.toHexString(generator.expectedSeq(this))
                            + " near offset " + messageOffset);
                }
                in.position(in.position() + count);
                messageOffset += count;
                frameRemaining -= count;
            }
            if (frameRemaining > 0) {
                return;
            }
            frameRemaining = -1;
            if (fin) {
                if (messageOffset != generator.frames.size) {
                    throw new IOException("message of " + messageOffset + " bytes, sent " + generator.frames.size);
                }
                inMessage = false;
                long sentTime = sentAt[(int) (received % sentAt.length)];
                received++;
                generator.messageDone(this, sentTime);
            }
        }
    }

    /** Parses a frame header if all of it is there; false if more bytes are needed. */
    private boolean header() throws IOException {
        if (in.remaining() < 2) {
            return false;
        }
        int at = in.position();
        int b0 = in.get(at) & 0xFF;
        int b1 = in.get(at + 1) & 0xFF;
        if ((b1 & 0x80) != 0) {
            throw new IOException("masked frame from the server (RFC 6455 §5.1)");
        }
        long length = b1 & 0x7F;
        int size = 2;
        if (length == 126) {
            if (in.remaining() < 4) {
                return false;
            }
            length = in.getShort(at + 2) & 0xFFFF;
            size = 4;
        } else if (length == 127) {
            if (in.remaining() < 10) {
                return false;
            }
            length = in.getLong(at + 2);
            size = 10;
        }
        in.position(at + size);
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0F;
        frameRemaining = length;
        if (opcode >= 0x8) {
            if (length > 125) {
                throw new IOException("control frame of " + length + " bytes");
            }
            return true;
        }
        int expectedType = generator.frames.binary ? 0x2 : 0x1;
        if (opcode == 0x0) {
            if (!inMessage) {
                throw new IOException("continuation frame outside a message");
            }
        } else if (opcode == expectedType) {
            if (inMessage) {
                throw new IOException("new message inside a fragmented one");
            }
            inMessage = true;
            messageOffset = 0;
            expectedSeq = generator.frames.expected(generator.expectedSeq(this));
        } else {
            throw new IOException("unexpected opcode " + opcode);
        }
        return true;
    }

    private void control() throws IOException {
        byte[] payload = new byte[(int) frameRemaining];
        in.get(payload);
        frameRemaining = -1;
        if (opcode == 0x9) {
            queue(ClientFrames.control(0xA, payload));
        } else if (opcode == 0x8) {
            int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8 | (payload[1] & 0xFF)) : 1005;
            String reason = payload.length > 2
                    ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
            throw new IOException("the server closed with " + code + " " + reason);
        }
    }

    /** Sends a close frame (best effort, not waited for) and closes the socket. */
    void close() {
        try {
            if (open && out.isEmpty() && channel.isConnected()) {
                channel.write(ClientFrames.control(0x8, new byte[] {0x03, (byte) 0xE8}));
            }
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed
        }
    }

    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
