package dev.duplex.tck.servlet;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * On open ({@code ?token=T}), pushes 16 KiB binary messages to its own session with async sends, from a thread of
 * its own, until a send fails (at most 10 000); the failure (or {@code no failure}) is kept under the token for
 * {@link SettingsEndpoint}'s {@code flood-result T}. Its client never reads, so the sends back up into the session's
 * outbound budget.
 */
@ServerEndpoint("/settings/flood")
public class FloodSelfEndpoint {

    private static final Map<String, CompletableFuture<String>> RESULTS = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session) {
        String token = session.getRequestParameterMap().getOrDefault("token", List.of("none")).get(0);
        CompletableFuture<String> result = RESULTS.computeIfAbsent(token, t -> new CompletableFuture<>());
        Thread pusher = new Thread(() -> {
            ByteBuffer message = ByteBuffer.allocate(16 * 1024).asReadOnlyBuffer();
            for (int i = 0; i < 10_000 && !result.isDone(); i++) {
                int n = i;
                session.getAsyncRemote().sendBinary(message.duplicate(), r -> {
                    if (!r.isOK()) {
                        result.complete("send " + n + " failed: " + r.getException());
                    }
                });
            }
            result.complete("no failure");
        }, "settings-flood-pusher");
        pusher.setDaemon(true);
        pusher.start();
    }

    static String awaitResult(String token) throws InterruptedException {
        try {
            return RESULTS.computeIfAbsent(token, t -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "no result: " + e;
        } finally {
            RESULTS.remove(token);
        }
    }
}
