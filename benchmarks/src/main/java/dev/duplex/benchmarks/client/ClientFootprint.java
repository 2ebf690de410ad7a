package dev.duplex.benchmarks.client;

import dev.duplex.client.WsClientContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Issue #4's client measurement: what holding idle client sessions costs with Duplex's client design (NIO
 * selectors shared by all sessions; TLS on an {@code SSLEngine}): heap per connection after GC, and the number
 * of threads, for plain {@code ws://} and for {@code wss://}. The peer runs in a child JVM
 * ({@link FootprintServer}), so only the client is measured.
 *
 * <p>Run: {@code java -cp <benchmarks jar> dev.duplex.benchmarks.client.ClientFootprint [connections]}
 * (default 1000). Prints a Markdown table.
 */
public final class ClientFootprint {

    private ClientFootprint() {
    }

    /** An endpoint that does nothing: the session is only held. */
    public static final class Idle extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        File dir = Files.createTempDirectory("footprint").toFile();
        File keyStore = new File(dir, "peer.p12");
        keytool(keyStore);
        System.out.println("| transport | connections | heap per connection (after GC) | client threads | connections per MiB |");
        System.out.println("|---|--:|--:|--:|--:|");
        measure("ws://", n, null, null);
        measure("wss:// (SSLEngine)", n, keyStore, trustingContext(keyStore));
    }

    private static void measure(String label, int n, File keyStore, SSLContext tls) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xss256k", "-cp",
                System.getProperty("java.class.path"), FootprintServer.class.getName()));
        if (keyStore != null) {
            command.add(keyStore.getPath());
        }
        Process peer = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream()));
            String ready = out.readLine();
            int port = Integer.parseInt(ready.substring("READY ".length()));
            URI uri = URI.create((tls == null ? "ws" : "wss") + "://localhost:" + port + "/idle");
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().sslContext(tls).build();
            try (WsClientContainer container = new WsClientContainer()) {
                List<Session> sessions = new ArrayList<>();
                sessions.add(container.connectToServer(Idle.class, config, uri)); // warm: threads and classes
                long before = usedHeapAfterGc();
                for (int i = 0; i < n; i++) {
                    sessions.add(container.connectToServer(Idle.class, config, uri));
                }
                long after = usedHeapAfterGc();
                int threads = ManagementFactory.getThreadMXBean().getThreadCount();
                double perConnection = (after - before) / (double) n;
                System.out.printf("| %s | %d | %.1f KB | %d | %.0f |%n", label, n, perConnection / 1024, threads,
                        (1 << 20) / perConnection);
                for (Session s : sessions) {
                    s.close();
                }
            }
        } finally {
            peer.destroyForcibly();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100); // measurement settling between GCs, not synchronisation
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static void keytool(File keyStore) throws Exception {
        Process p = new ProcessBuilder(javaHome() + "/bin/keytool", "-genkeypair", "-alias", "peer", "-keyalg", "EC",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.getPath(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    private static SSLContext trustingContext(File keyStore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keyStore)) {
            ks.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static String javaHome() {
        return System.getProperty("java.home");
    }

    private static String javaBin() {
        return javaHome() + "/bin/java";
    }
}
