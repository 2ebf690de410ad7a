package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sixteen threads send on one client session at once (blocking and async sends mixed): every message comes back
 * whole, each thread's messages in the order it sent them, and no send throws (DESIGN.md §3 rule 3).
 */
class ConcurrentSendTest {

    private static final int THREADS = 16;
    private static final int MESSAGES = 200;

    private static TomcatPeer tomcat;

    @BeforeAll
    static void startTomcat() throws Exception {
        tomcat = new TomcatPeer();
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        tomcat.close();
    }

    @Test
    void sixteenSendersOneSession() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        try (WsClientContainer container = new WsClientContainer()) {
            ClientProbe probe = new ClientProbe();
            Session session = container.connectToServer(probe, ClientEndpointConfig.Builder.create().build(),
                    tomcat.uri("/echo"));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(senders.submit(() -> {
                    start.await();
                    String padding = "x".repeat(thread * 50);
                    for (int i = 0; i < MESSAGES; i++) {
                        String message = thread + ":" + i + ":" + padding;
                        if (i % 2 == 0) {
                            session.getBasicRemote().sendText(message);
                        } else {
                            session.getAsyncRemote().sendText(message).get(ClientProbe.WAIT_SECONDS, TimeUnit.SECONDS);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);   // rethrows any exception of a sender, e.g. IllegalStateException
            }
            Map<Integer, Integer> next = new HashMap<>();
            for (int n = 0; n < THREADS * MESSAGES; n++) {
                String[] parts = probe.nextText().split(":", 3);
                int thread = Integer.parseInt(parts[0]);
                int expected = next.getOrDefault(thread, 0);
                assertEquals(expected, Integer.parseInt(parts[1]), "thread " + thread + " out of order");
                assertEquals("x".repeat(thread * 50), parts[2], "message arrived whole");
                next.put(thread, expected + 1);
            }
            assertTrue(probe.errors.isEmpty(), probe.errors.toString());
            session.close();
        } finally {
            senders.shutdownNow();
        }
    }
}
