package dev.duplex.benchmarks.client;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client's side of small-message throughput: N sessions of Duplex's client, each with one 64 B text message in
 * flight (the next one is sent from the handler of the echo), against a server in another process (the raw NIO
 * frame echo, {@code dev.duplex.benchmarks.servers.RawNioServer}, so that the server costs little). Prints messages
 * per second and the client process's CPU time per message, which is what the client's threading decides: its I/O
 * threads read, and hand each message's callback to a pool thread.
 *
 * <p>Run (server and client on different cores):
 * {@code taskset -c 1 java -cp <jar> dev.duplex.benchmarks.servers.RawNioServer 18080 &} then
 * {@code taskset -c 0 java -cp <jar> dev.duplex.benchmarks.client.ClientThroughput ws://127.0.0.1:18080/echo
 * [sessions=100] [warm-up s=5] [measured s=10]}.
 */
public final class ClientThroughput {

    private static final String PAYLOAD = "x".repeat(64);

    private ClientThroughput() {
    }

    /** Echoes what it receives, and counts it; a reply that is not the payload counts as an error. */
    public static final class Echoing extends Endpoint {
        private final LongAdder received;
        private final AtomicLong errors;

        Echoing(LongAdder received, AtomicLong errors) {
            this.received = received;
            this.errors = errors;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> {
                if (!PAYLOAD.equals(message)) {
                    errors.incrementAndGet();
                }
                received.increment();
                try {
                    session.getBasicRemote().sendText(PAYLOAD);
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            });
        }
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        LongAdder received = new LongAdder();
        AtomicLong errors = new AtomicLong();
        List<Session> open = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            open.add(container.connectToServer(new Echoing(received, errors),
                    ClientEndpointConfig.Builder.create().build(), uri));
        }
        for (Session s : open) {
            s.getBasicRemote().sendText(PAYLOAD);
        }
        Thread.sleep(warmup * 1000L); // the warm-up is a period of time, not a synchronisation
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long count0 = received.sum();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long count = received.sum() - count0;
        long cpu = os.getProcessCpuTime() - cpu0;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        int threads = Thread.activeCount();
        System.out.printf("%d sessions: %.0f msg/s, client CPU %.2f us/msg, %d threads, %d errors%n",
                sessions, count / elapsed, cpu / 1e3 / Math.max(1, count), threads, errors.get());
        for (Session s : open) {
            s.close();
        }
        System.exit(errors.get() == 0 ? 0 : 1);
    }
}
