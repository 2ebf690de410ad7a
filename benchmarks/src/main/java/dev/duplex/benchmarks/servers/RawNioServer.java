package dev.duplex.benchmarks.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The floor: one thread, one selector, the least work an echo can do. It answers the handshake (no validation
 * beyond finding the key), then echoes every frame as it came, unmasked, frame for frame; a frame to
 * {@code /broadcast} is written to every connection on that path. No UTF-8 check, no message assembly, no limits:
 * an upper bound for what a real implementation can reach on this machine, not a server to use.
 */
public final class RawNioServer {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int READ_BUFFER = 64 * 1024;

    private final List<Conn> broadcast = new ArrayList<>();

    private RawNioServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = ServerMain.port(args);
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(ServerMain.HOST, port), 1000);
        server.configureBlocking(false);
        Selector selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        Thread loop = new Thread(() -> new RawNioServer().run(server, selector), "raw-nio");
        loop.start();
        ServerMain.ready(port);
    }

    private void run(ServerSocketChannel server, Selector selector) {
        try {
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        SocketChannel channel;
                        while ((channel = server.accept()) != null) {
                            channel.configureBlocking(false);
                            channel.socket().setTcpNoDelay(true);
                            Conn conn = new Conn(channel);
                            conn.key = channel.register(selector, SelectionKey.OP_READ, conn);
                        }
                        continue;
                    }
                    Conn conn = (Conn) key.attachment();
                    try {
                        if (key.isWritable()) {
                            conn.flush();
                        }
                        if (key.isValid() && key.isReadable()) {
                            read(conn);
                        }
                    } catch (IOException e) {
                        close(conn);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void read(Conn conn) throws IOException {
        if (conn.out.position() > 0) {
            return; // behind on writes: read again once they drain
        }
        int n = conn.channel.read(conn.in);
        if (n < 0) {
            close(conn);
            return;
        }
        conn.in.flip();
        if (!conn.open) {
            handshake(conn);
        }
        if (conn.open) {
            frames(conn);
        }
        conn.in.compact();
        if (!conn.in.hasRemaining()) { // a frame larger than the buffer: grow
            ByteBuffer bigger = ByteBuffer.allocate(conn.in.capacity() * 2);
            conn.in.flip();
            bigger.put(conn.in);
            conn.in = bigger;
        }
        conn.flush();
    }

    private void handshake(Conn conn) throws IOException {
        ByteBuffer in = conn.in;
        int end = -1;
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                end = i + 4;
                break;
            }
        }
        if (end < 0) {
            return;
        }
        String head = new String(in.array(), in.position(), end - in.position(), StandardCharsets.ISO_8859_1);
        in.position(end);
        String key = null;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-key")) {
                key = line.substring(colon + 1).trim();
            }
        }
        if (key == null) {
            throw new IOException("not a WebSocket handshake");
        }
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n";
        conn.queue(ByteBuffer.wrap(response.getBytes(StandardCharsets.ISO_8859_1)));
        conn.open = true;
        if (head.startsWith("GET /broadcast")) {
            conn.broadcast = true;
            broadcast.add(conn);
        }
    }

    /** Echoes (or broadcasts) every complete frame in {@code conn.in}, unmasked. */
    private void frames(Conn conn) throws IOException {
        ByteBuffer in = conn.in;
        while (in.remaining() >= 2) {
            int start = in.position();
            int b0 = in.get(start) & 0xFF;
            int b1 = in.get(start + 1) & 0xFF;
            int header = 2;
            long length = b1 & 0x7F;
            if (length == 126) {
                if (in.remaining() < 4) {
                    return;
                }
                length = in.getShort(start + 2) & 0xFFFF;
                header = 4;
            } else if (length == 127) {
                if (in.remaining() < 10) {
                    return;
                }
                length = in.getLong(start + 2);
                header = 10;
            }
            boolean masked = (b1 & 0x80) != 0;
            int total = header + (masked ? 4 : 0) + (int) length;
            if (in.remaining() < total) {
                if (conn.in.capacity() < total) {
                    conn.in = grow(conn.in, total);
                }
                return;
            }
            int payload = start + header + (masked ? 4 : 0);
            if (masked) {
                byte[] array = in.array();
                int keyAt = start + header;
                for (int i = 0; i < length; i++) {
                    array[payload + i] ^= array[keyAt + (i & 3)];
                }
            }
            ByteBuffer frame = ByteBuffer.allocate(header + (int) length);
            frame.put((byte) b0);
            if (header == 2) {
                frame.put((byte) length);
            } else if (header == 4) {
                frame.put((byte) 126).putShort((short) length);
            } else {
                frame.put((byte) 127).putLong(length);
            }
            frame.put(in.array(), payload, (int) length).flip();
            in.position(start + total);
            int opcode = b0 & 0x0F;
            if (opcode == 0x8) { // close: echo it and drop the connection
                conn.queue(frame);
                conn.flush();
                close(conn);
                return;
            }
            if (conn.broadcast && opcode < 0x8) {
                for (Conn each : broadcast) {
                    each.queue(frame.duplicate());
                    if (each != conn) {
                        each.flush();
                    }
                }
            } else {
                conn.queue(frame);
            }
        }
    }

    private static ByteBuffer grow(ByteBuffer in, int needed) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, in.capacity() * 2));
        bigger.put(in);
        bigger.flip();
        return bigger;
    }

    private void close(Conn conn) {
        broadcast.remove(conn);
        conn.key.cancel();
        try {
            conn.channel.close();
        } catch (IOException ignored) {
            // closing anyway
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

    /** One connection: its read buffer and its pending output (read is paused while output is pending). */
    private static final class Conn {
        final SocketChannel channel;
        SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
        ByteBuffer out = ByteBuffer.allocate(READ_BUFFER); // write mode: position = bytes pending
        boolean open;
        boolean broadcast;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }

        void queue(ByteBuffer frame) {
            if (out.remaining() < frame.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + frame.remaining()));
                out.flip();
                bigger.put(out);
                out = bigger;
            }
            out.put(frame);
        }

        void flush() throws IOException {
            if (out.position() == 0) {
                return;
            }
            out.flip();
            channel.write(out);
            out.compact();
            if (key.isValid()) {
                key.interestOps(out.position() > 0 ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            }
        }
    }
}
