package dev.duplex.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny scripted HTTP server on a loopback address: it reads each request head and answers with what the test's
 * {@link Script} writes (or nothing at all). Connections stay open until {@link #close()}. Daemon threads.
 */
final class RawServer implements AutoCloseable {

    /** Writes the answer to one request; {@code key} is its Sec-WebSocket-Key (or null). */
    interface Script {
        void answer(String requestHead, String key, OutputStream out) throws IOException;
    }

    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");

    private final ServerSocket server;
    private final Script script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> requests = new LinkedBlockingQueue<>();

    RawServer(InetAddress address, Script script) throws IOException {
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress(address, 0));
        this.script = script;
        Thread acceptor = new Thread(this::accept, "raw-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    RawServer(Script script) throws IOException {
        this(InetAddress.getLoopbackAddress(), script);
    }

    /** A server that accepts and never answers. */
    static RawServer silent() throws IOException {
        return new RawServer((head, key, out) -> { });
    }

    /** A 101 response with a correct accept key and the extra header lines given (each ending in CRLF). */
    static Script switching(String extraHeaders) {
        return (head, key, out) -> out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + dev.duplex.handshake.AcceptKey.compute(key)
                + "\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    int port() {
        return server.getLocalPort();
    }

    URI uri(String pathAndQuery) {
        String host = server.getInetAddress().getHostAddress();
        return URI.create("ws://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port() + pathAndQuery);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread t = new Thread(() -> serve(socket), "raw-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int window = 0;
            int b;
            while (window != 0x0D0A0D0A && (b = in.read()) >= 0) {
                head.write(b);
                window = window << 8 | b;
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            requests.add(text);
            Matcher key = KEY.matcher(text);
            script.answer(text, key.find() ? key.group(1) : null, socket.getOutputStream());
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // the client went away: nothing to do
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
