package dev.duplex.tck.sending;

import jakarta.websocket.EncodeException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Endpoints that send custom objects through their encoders. */
public final class EncoderEndpoints {

    private EncoderEndpoints() {
    }

    /**
     * Commands {@code basic:<kind>:<value>} and {@code async:<kind>:<value>} send an item of that kind
     * ({@code text}, {@code special}, {@code textstream}, {@code binary}, {@code binarystream}, {@code poison})
     * with {@code sendObject}; an {@code EncodeException} is reported as text.
     */
    @ServerEndpoint(value = "/encode", encoders = {TestEncoders.Text.class, TestEncoders.TextStream.class,
            TestEncoders.Binary.class, TestEncoders.BinaryStream.class, TestEncoders.PoisonEncoder.class})
    public static class AllKinds {
        @OnMessage
        public void command(String command, Session session) throws IOException, InterruptedException {
            String[] parts = command.split(":", 3);
            Object item = switch (parts[1]) {
                case "text" -> new TestEncoders.TextItem(parts[2]);
                case "special" -> new TestEncoders.SpecialTextItem(parts[2]);
                case "textstream" -> new TestEncoders.TextStreamItem(parts[2]);
                case "binary" -> new TestEncoders.BinaryItem(parts[2]);
                case "binarystream" -> new TestEncoders.BinaryStreamItem(parts[2]);
                case "poison" -> new TestEncoders.Poison(parts[2]);
                default -> throw new IllegalArgumentException(command);
            };
            if (parts[0].equals("basic")) {
                try {
                    session.getBasicRemote().sendObject(item);
                } catch (EncodeException e) {
                    session.getBasicRemote().sendText(
                            "EncodeException object=" + (e.getObject() == item) + " message=" + e.getMessage());
                }
            } else {
                Future<Void> sent = session.getAsyncRemote().sendObject(item);
                try {
                    sent.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    String text = e.getCause().getClass().getSimpleName();
                    if (e.getCause() instanceof EncodeException encode) {
                        text += " object=" + (encode.getObject() == item) + " message=" + encode.getMessage();
                    }
                    session.getBasicRemote().sendText(text);
                } catch (java.util.concurrent.TimeoutException e) {
                    session.getBasicRemote().sendText("async send did not complete in 10 s");
                }
            }
        }
    }

    /** A developer-provided {@code Integer} encoder overrides the container's default one. */
    @ServerEndpoint(value = "/encode/integer", encoders = TestEncoders.IntegerEncoder.class)
    public static class IntegerOverride {
        @OnMessage
        public void command(String command, Session session) throws IOException, EncodeException {
            session.getBasicRemote().sendObject(Integer.valueOf(command));
        }
    }
}
