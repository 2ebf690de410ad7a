package dev.duplex.tck.messaging;

import jakarta.websocket.DecodeException;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One endpoint per decoder kind. Each answers a decoded message with {@code <via>#<serial>:<text> calls=<n>} and
 * an error with {@code error:<type> <data> calls=<n>}, where {@code calls} counts {@code @OnMessage} calls.
 */
public final class DecoderEndpoints {

    private DecoderEndpoints() {
    }

    /** Shared reply logic; no WebSocket annotations here (they are not inherited). */
    public abstract static class Base {
        private int calls;

        protected String decoded(Decoded message) {
            calls++;
            return message + " calls=" + calls;
        }

        protected void failed(Session session, Throwable error) throws IOException {
            String data = "";
            if (error instanceof DecodeException decode) {
                data = decode.getText() != null ? " text=" + decode.getText()
                        : " bytes=" + (decode.getBytes() == null ? null
                        : StandardCharsets.UTF_8.decode(decode.getBytes().duplicate()));
            }
            session.getBasicRemote().sendText(
                    "error:" + error.getClass().getSimpleName() + data + " calls=" + calls);
        }
    }

    /** Two text decoders for the same type, in this order. */
    @ServerEndpoint(value = "/decode/text", decoders = {TestDecoders.FirstText.class, TestDecoders.SecondText.class})
    public static class TextDecoders extends Base {
        @OnMessage
        public String on(Decoded message) {
            return decoded(message);
        }

        @OnError
        public void error(Session session, Throwable error) throws IOException {
            failed(session, error);
        }
    }

    @ServerEndpoint(value = "/decode/textstream", decoders = TestDecoders.TextStream.class)
    public static class TextStreamDecoder extends Base {
        @OnMessage
        public String on(Decoded message) {
            return decoded(message);
        }

        @OnError
        public void error(Session session, Throwable error) throws IOException {
            failed(session, error);
        }
    }

    @ServerEndpoint(value = "/decode/binary", decoders = TestDecoders.Binary.class)
    public static class BinaryDecoder extends Base {
        @OnMessage
        public String on(Decoded message) {
            return decoded(message);
        }

        @OnError
        public void error(Session session, Throwable error) throws IOException {
            failed(session, error);
        }
    }

    @ServerEndpoint(value = "/decode/binarystream", decoders = TestDecoders.BinaryStream.class)
    public static class BinaryStreamDecoder extends Base {
        @OnMessage
        public String on(Decoded message) {
            return decoded(message);
        }

        @OnError
        public void error(Session session, Throwable error) throws IOException {
            failed(session, error);
        }
    }
}
