package dev.duplex.tck.messaging;

import jakarta.websocket.DecodeException;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Annotated endpoints that receive whole messages as each type {@code @OnMessage} allows and answer with what they
 * got, so the test can check the type and the content. Each nested class is one endpoint.
 */
public final class WholeEndpoints {

    private WholeEndpoints() {
    }

    @ServerEndpoint("/whole/string")
    public static class StringEndpoint {
        @OnMessage
        public void on(String message, Session session) throws IOException {
            session.getBasicRemote().sendText("String:" + message);
        }
    }

    @ServerEndpoint("/whole/reader")
    public static class ReaderEndpoint {
        @OnMessage
        public void on(Reader message, Session session) throws IOException {
            StringWriter all = new StringWriter();
            message.transferTo(all);
            session.getBasicRemote().sendText("Reader:" + all);
        }
    }

    @ServerEndpoint("/whole/bytes")
    public static class BytesEndpoint {
        @OnMessage
        public void on(byte[] message, Session session) throws IOException {
            session.getBasicRemote().sendText("byte[]:" + new String(message, StandardCharsets.ISO_8859_1));
        }
    }

    @ServerEndpoint("/whole/buffer")
    public static class BufferEndpoint {
        @OnMessage
        public void on(ByteBuffer message, Session session) throws IOException {
            session.getBasicRemote().sendText("ByteBuffer:" + StandardCharsets.ISO_8859_1.decode(message));
        }
    }

    @ServerEndpoint("/whole/stream")
    public static class StreamEndpoint {
        @OnMessage
        public void on(InputStream message, Session session) throws IOException {
            byte[] all = message.readAllBytes();
            session.getBasicRemote().sendText("InputStream:" + new String(all, StandardCharsets.ISO_8859_1));
        }
    }

    /** Pongs are reported as text; the text {@code ping:<data>} makes the endpoint send a ping. */
    @ServerEndpoint("/whole/pong")
    public static class PongEndpoint {
        @OnMessage
        public void pong(PongMessage pong, Session session) throws IOException {
            session.getBasicRemote().sendText(
                    "PongMessage:" + StandardCharsets.UTF_8.decode(pong.getApplicationData()));
        }

        @OnMessage
        public void command(String command, Session session) throws IOException {
            if (command.startsWith("ping:")) {
                session.getBasicRemote().sendPing(
                        ByteBuffer.wrap(command.substring(5).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /**
     * Shared by the primitive endpoints: counts calls and reports errors as text. Not an endpoint itself, and its
     * methods carry no WebSocket annotations (they are not inherited): each subclass annotates its override.
     */
    public abstract static class Counting {
        protected int calls;

        protected void reply(Session session, String type, Object value) throws IOException {
            calls++;
            session.getBasicRemote().sendText(type + ":" + value + " calls=" + calls);
        }

        public void error(Session session, Throwable error) throws IOException {
            String text = error instanceof DecodeException decode ? " text=" + decode.getText() : "";
            session.getBasicRemote().sendText(
                    "error:" + error.getClass().getSimpleName() + text + " calls=" + calls);
        }
    }

    @ServerEndpoint("/whole/int")
    public static class IntEndpoint extends Counting {
        @OnMessage
        public void on(int value, Session session) throws IOException {
            reply(session, "int", value);
        }

        @Override
        @OnError
        public void error(Session session, Throwable error) throws IOException {
            super.error(session, error);
        }
    }

    @ServerEndpoint("/whole/Integer")
    public static class IntegerEndpoint extends Counting {
        @OnMessage
        public void on(Integer value, Session session) throws IOException {
            reply(session, "Integer", value);
        }

        @Override
        @OnError
        public void error(Session session, Throwable error) throws IOException {
            super.error(session, error);
        }
    }

    @ServerEndpoint("/whole/long")
    public static class LongEndpoint extends Counting {
        @OnMessage
        public void on(long value, Session session) throws IOException {
            reply(session, "long", value);
        }

        @Override
        @OnError
        public void error(Session session, Throwable error) throws IOException {
            super.error(session, error);
        }
    }

    @ServerEndpoint("/whole/Double")
    public static class DoubleEndpoint extends Counting {
        @OnMessage
        public void on(Double value, Session session) throws IOException {
            reply(session, "Double", value);
        }

        @Override
        @OnError
        public void error(Session session, Throwable error) throws IOException {
            super.error(session, error);
        }
    }

    @ServerEndpoint("/whole/boolean")
    public static class BooleanEndpoint extends Counting {
        @OnMessage
        public void on(boolean value, Session session) throws IOException {
            reply(session, "boolean", value);
        }

        @Override
        @OnError
        public void error(Session session, Throwable error) throws IOException {
            super.error(session, error);
        }
    }

    @ServerEndpoint("/whole/Byte")
    public static class ByteEndpoint extends Counting {
        @OnMessage
        public void on(Byte value, Session session) throws IOException {
            reply(session, "Byte", value);
        }

        @Override
        @OnError
        public void error(Session session, Throwable error) throws IOException {
            super.error(session, error);
        }
    }
}
