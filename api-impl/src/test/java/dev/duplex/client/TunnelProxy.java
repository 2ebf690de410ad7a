package dev.duplex.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A minimal HTTP CONNECT proxy on 127.0.0.1 for tests: records each request head, then either refuses with the
 * given status or opens the tunnel and pipes bytes both ways. Daemon threads; {@link #close()} ends everything.
 */
final class TunnelProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String refusal;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> requests = new LinkedBlockingQueue<>();

    /** @param refusal a status line such as "407 Proxy Authentication Required", or null to tunnel */
    TunnelProxy(String refusal) throws IOException {
        this.refusal = refusal;
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon(this::accept, "tunnel-proxy");
    }

    String hostPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private static void daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                daemon(() -> serve(client), "tunnel-proxy-conn");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int window = 0;
            int b;
            while (window != 0x0D0A0D0A && (b = in.read()) >= 0) {
                head.write(b);
                window = window << 8 | b;
            }
            String request = head.toString(StandardCharsets.ISO_8859_1);
            requests.add(request);
            OutputStream out = client.getOutputStream();
            if (refusal != null) {
                out.write(("HTTP/1.1 " + refusal + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            String[] target = request.split(" ", 3)[1].split(":");
            Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
            sockets.add(upstream);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            daemon(() -> pipe(upstream, client), "tunnel-proxy-down");
            pipe(client, upstream);
        } catch (IOException e) {
            // one side went away: the tunnel ends
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
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
