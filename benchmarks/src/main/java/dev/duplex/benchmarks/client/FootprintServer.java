package dev.duplex.benchmarks.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The peer for {@link ClientFootprint}, run in its own JVM so that the client's heap and threads are measured
 * alone: accepts WebSocket handshakes on 127.0.0.1 (plain or TLS with a PKCS12 key store), then only reads frames
 * until the client closes. A thread per connection with small stacks: it is not what is measured.
 * Prints {@code READY <port>}.
 */
public final class FootprintServer {

    private FootprintServer() {
    }

    public static void main(String[] args) throws Exception {
        String keyStore = args.length > 0 ? args[0] : null;
        ServerSocket server;
        if (keyStore != null) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            try (InputStream in = new java.io.FileInputStream(keyStore)) {
                ks.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "changeit".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            server = tls.getServerSocketFactory().createServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        } else {
            server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        }
        System.out.println("READY " + server.getLocalPort());
        System.out.flush();
        while (true) {
            Socket s = server.accept();
            Thread t = new Thread(null, () -> serve(s), "peer", 128 * 1024);
            t.setDaemon(true);
            t.start();
        }
    }

    private static void serve(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            String key = null;
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) >= 0; ) {
                if (c == '\n') {
                    String l = line.toString().trim();
                    if (l.isEmpty()) {
                        break;
                    }
                    if (l.toLowerCase().startsWith("sec-websocket-key:")) {
                        key = l.substring(l.indexOf(':') + 1).trim();
                    }
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            byte[] sha = MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(sha) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // the client only holds the connection; discard anything it sends until it closes
            }
        } catch (Exception e) {
            // a peer that goes away: nothing to report
        }
    }
}
