package dev.duplex.tck.lifecycle;

import dev.duplex.tck.messaging.Mailbox;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Endpoints that observe how the container calls them: overlap, order, instances. */
public final class ThreadingEndpoints {

    private ThreadingEndpoints() {
    }

    /**
     * Counts every callback and every overlap (a callback entered while another is running on the same instance).
     * Each callback stays a moment so that an overlap would be seen; {@code @OnOpen} stays 50 ms while the client
     * already floods. The text {@code report} is answered with {@code instance=<n> calls=<n> overlaps=<n>}.
     */
    @ServerEndpoint("/threading/overlap")
    public static class Overlap {
        private static final AtomicInteger INSTANCES = new AtomicInteger();

        private final int instance = INSTANCES.incrementAndGet();
        private final AtomicInteger active = new AtomicInteger();
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger overlaps = new AtomicInteger();

        private void callback(long nanos) {
            calls.incrementAndGet();
            if (active.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            LockSupport.parkNanos(nanos);
            active.decrementAndGet();
        }

        @OnOpen
        public void open() {
            callback(TimeUnit.MILLISECONDS.toNanos(50));
        }

        @OnMessage
        public void text(String message, Session session) throws IOException {
            if (message.equals("report")) {
                session.getBasicRemote().sendText(
                        "instance=" + instance + " calls=" + calls + " overlaps=" + overlaps);
            } else {
                callback(100_000);
            }
        }

        @OnMessage
        public void binary(ByteBuffer message) {
            callback(100_000);
        }

        @OnMessage
        public void pong(PongMessage message) {
            callback(100_000);
        }
    }

    /**
     * {@code @OnOpen} takes 300 ms (the behaviour under test: the client sends a message and closes meanwhile).
     * Posts {@code open start}, {@code open end}, {@code message <text>} and {@code close <code>} to the
     * {@link Mailbox} under {@code slow-<token>} (query parameter {@code token}).
     */
    @ServerEndpoint("/threading/slow-open")
    public static class SlowOpen {
        private String key;

        @OnOpen
        public void open(Session session) throws InterruptedException {
            key = "slow-" + session.getRequestParameterMap().get("token").get(0);
            Mailbox.post(key, "open start");
            Thread.sleep(300);
            Mailbox.post(key, "open end");
        }

        @OnMessage
        public void message(String text) {
            Mailbox.post(key, "message " + text);
        }

        @OnClose
        public void close(CloseReason reason) {
            Mailbox.post(key, "close " + reason.getCloseCode().getCode());
        }
    }
}
