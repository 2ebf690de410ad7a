package dev.duplex.tck.sending;

import jakarta.websocket.EncodeException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends through {@code RemoteEndpoint.Basic} what each text command asks for (see {@link #command}); pongs it
 * receives are reported as {@code pong:<payload length>}.
 */
@ServerEndpoint(value = "/basic", encoders = Point.PointEncoder.class)
public class BasicSenderEndpoint {

    /** 100 000 characters, written through {@code getSendWriter} in 1000-character pieces. */
    public static final String BIG = "0123456789".repeat(10_000);

    @OnMessage
    public void command(String command, Session session) throws IOException {
        RemoteEndpoint.Basic basic = session.getBasicRemote();
        switch (command) {
            case "text" -> basic.sendText("hello");
            case "text-parts" -> {
                basic.sendText("he", false);
                basic.sendText("ll", false);
                basic.sendText("o", true);
            }
            case "binary" -> basic.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            case "binary-parts" -> {
                basic.sendBinary(ByteBuffer.wrap(new byte[] {1}), false);
                basic.sendBinary(ByteBuffer.wrap(new byte[] {2, 3}), false);
                basic.sendBinary(ByteBuffer.wrap(new byte[] {4}), true);
            }
            case "writer" -> {
                try (Writer writer = basic.getSendWriter()) {
                    for (int i = 0; i < BIG.length(); i += 1000) {
                        writer.write(BIG, i, 1000);
                        if (i == 50_000) {
                            writer.flush();
                        }
                    }
                }
                basic.sendText("after writer");
            }
            case "stream" -> {
                try (OutputStream out = basic.getSendStream()) {
                    out.write(new byte[] {9, 8});
                    out.flush();
                    out.write(7);
                    out.write(new byte[] {0, 6, 5, 0}, 1, 2);
                }
                basic.sendText("after stream");
            }
            case "ping-125", "ping-126", "pong-125", "pong-126" -> {
                ByteBuffer payload = ByteBuffer.wrap(new byte[Integer.parseInt(command.substring(5))]);
                try {
                    if (command.startsWith("ping")) {
                        basic.sendPing(payload);
                    } else {
                        basic.sendPong(payload);
                    }
                    basic.sendText(command + " sent");
                } catch (IllegalArgumentException e) {
                    basic.sendText(command + " IllegalArgumentException");
                }
            }
            case "nulls" -> basic.sendText(nulls(basic));
            case "buffers" -> basic.sendText(buffers(session));
            default -> sendObject(command, basic);
        }
    }

    @OnMessage
    public void pong(PongMessage pong, Session session) throws IOException {
        session.getBasicRemote().sendText("pong:" + pong.getApplicationData().remaining());
    }

    /** {@code object:<type>}: sends an object of that type with {@code sendObject}, reporting an EncodeException. */
    private static void sendObject(String command, RemoteEndpoint.Basic basic) throws IOException {
        Object object = switch (command) {
            case "object:int" -> 42;
            case "object:Long" -> 7L;
            case "object:boolean" -> true;
            case "object:Double" -> 1.5;
            case "object:char" -> 'c';
            case "object:String" -> "str";
            case "object:Point" -> new Point(1, 2);
            case "object:none" -> new Point.Unencodable("u");
            default -> "unknown command " + command;
        };
        try {
            basic.sendObject(object);
        } catch (EncodeException e) {
            basic.sendText("EncodeException object=" + (e.getObject() == object));
        }
    }

    /**
     * Sends a buffer (position 0, limit 3, capacity 4) with each method that takes one, and reports for each
     * whether, after the send completed, its position reached its unchanged limit.
     */
    private static String buffers(Session session) throws IOException {
        RemoteEndpoint.Basic basic = session.getBasicRemote();
        RemoteEndpoint.Async async = session.getAsyncRemote();
        List<String> results = new ArrayList<>();
        ByteBuffer buffer = buffer();
        basic.sendBinary(buffer);
        results.add("basic " + consumed(buffer));
        buffer = buffer();
        basic.sendBinary(buffer, true);
        results.add("basic partial " + consumed(buffer));
        try {
            buffer = buffer();
            async.sendBinary(buffer).get(10, TimeUnit.SECONDS);
            results.add("async future " + consumed(buffer));
            buffer = buffer();
            CompletableFuture<SendResult> done = new CompletableFuture<>();
            async.sendBinary(buffer, done::complete);
            done.get(10, TimeUnit.SECONDS);
            results.add("async handler " + consumed(buffer));
        } catch (Exception e) {
            results.add("async send failed: " + e);
        }
        buffer = buffer();
        basic.sendPong(buffer);
        results.add("pong " + consumed(buffer));
        buffer = buffer();
        basic.sendPing(buffer);
        results.add("ping " + consumed(buffer));
        return String.join(",", results);
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.wrap(new byte[] {1, 2, 3, 4}).limit(3);
    }

    private static String consumed(ByteBuffer buffer) {
        return buffer.position() == 3 && buffer.limit() == 3 ? "ok"
                : "position=" + buffer.position() + " limit=" + buffer.limit();
    }

    /** Each send method given {@code null}: what it threw. */
    private static String nulls(RemoteEndpoint.Basic basic) {
        String[] results = {
                attempt(() -> basic.sendText(null)),
                attempt(() -> basic.sendBinary(null)),
                attempt(() -> basic.sendText(null, true)),
                attempt(() -> basic.sendBinary(null, true)),
                attempt(() -> basic.sendObject(null)),
        };
        return String.join(",", Arrays.asList(results));
    }

    interface Attempt {
        void run() throws Exception;
    }

    static String attempt(Attempt attempt) {
        try {
            attempt.run();
            return "no exception";
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }
}
