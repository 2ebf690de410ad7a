package dev.duplex.tck.flow;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * For {@link InlineSendIT} (a WAR with {@code duplex.dispatch=inline}): on {@code flood <token>} it makes, inside the
 * message callback (so on the container's thread), blocking sends of numbered 16 KiB binary messages to its own
 * session, whose client never reads, overwriting its buffer with 0xFF after each send returns; it stops at the
 * first failed send, then tries {@code Future.get()} on an async send. The report,
 * {@code sent=<n> thread=<name> blocking=<exception: message> future=<exception: message>}, is kept under the token
 * for {@code report <token>} from another session, which answers {@code pending} until then ({@code executor} when
 * the message did not run inline: then nothing was sent).
 */
@ServerEndpoint("/flow/inline")
public class InlineSenderEndpoint {

    static final int SIZE = 16 * 1024;
    private static final Map<String, CompletableFuture<String>> REPORTS = new ConcurrentHashMap<>();

    @OnMessage
    public String command(String command, Session session) throws Exception {
        String[] words = command.split(" ");
        if ("report".equals(words[0])) {
            // Never waits (this callback may share its thread with the flooding one): "pending" until done.
            return REPORTS.computeIfAbsent(words[1], t -> new CompletableFuture<>()).getNow("pending");
        }
        boolean reading = false; // inline: below the read of the message (on any thread: a loop's is Duplex's)
        for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
            reading |= e.getClassName().equals("dev.duplex.core.Connection") && e.getMethodName().equals("onRead");
        }
        if (!reading) {
            // Inline dispatch runs a message on the reading thread only when the session has nothing else queued
            // or running; the first message may still find onOpen's task finishing. The test asks again.
            REPORTS.computeIfAbsent(words[1], t -> new CompletableFuture<>()).complete("executor");
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        int sent = 0;
        String blocking = "none";
        long start = System.nanoTime();
        while (sent < 10_000) {
            buffer.clear();
            buffer.putInt(0, sent);
            for (int i = 4; i < SIZE; i++) {
                buffer.put(i, (byte) (sent + i));
            }
            try {
                session.getBasicRemote().sendBinary(buffer);
            } catch (IOException e) {
                blocking = e.getClass().getSimpleName() + ": " + e.getMessage();
                break;
            }
            sent++;
            // The send returned: the application may reuse its buffer at once.
            buffer.clear();
            for (int i = 0; i < SIZE; i++) {
                buffer.put(i, (byte) 0xFF);
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String future;
        try {
            session.getAsyncRemote().sendText("after").get(10, TimeUnit.SECONDS);
            future = "done";
        } catch (ExecutionException e) {
            future = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        }
        REPORTS.computeIfAbsent(words[1], t -> new CompletableFuture<>())
                .complete("sent=" + sent + " millis=" + millis + " blocking=" + blocking + " future=" + future);
        return null;
    }
}
