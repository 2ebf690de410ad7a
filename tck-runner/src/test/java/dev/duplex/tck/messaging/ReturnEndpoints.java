package dev.duplex.tck.messaging;

import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;

/** Endpoints whose {@code @OnMessage} methods return the answer instead of sending it. */
public final class ReturnEndpoints {

    private ReturnEndpoints() {
    }

    /** A custom message type, sent through {@link GreetingEncoder}. */
    public record Greeting(String name) {
    }

    public static class GreetingEncoder implements Encoder.Text<Greeting> {
        @Override
        public String encode(Greeting greeting) throws EncodeException {
            return "Hello, " + greeting.name() + "!";
        }
    }

    @ServerEndpoint("/return/string")
    public static class ReturnsString {
        @OnMessage
        public String on(String message) {
            return "re:" + message;
        }
    }

    @ServerEndpoint("/return/int")
    public static class ReturnsInt {
        @OnMessage
        public int on(int value) {
            return value * 2;
        }
    }

    @ServerEndpoint("/return/Long")
    public static class ReturnsLong {
        @OnMessage
        public Long on(String message) {
            return (long) message.length() << 33;
        }
    }

    @ServerEndpoint("/return/char")
    public static class ReturnsChar {
        @OnMessage
        public char on(String message) {
            return message.charAt(message.length() - 1);
        }
    }

    @ServerEndpoint(value = "/return/custom", encoders = GreetingEncoder.class)
    public static class ReturnsCustom {
        @OnMessage
        public Greeting on(String name) {
            return new Greeting(name);
        }
    }

    @ServerEndpoint("/return/ByteBuffer")
    public static class ReturnsByteBuffer {
        @OnMessage
        public ByteBuffer on(ByteBuffer message) {
            byte[] reversed = new byte[message.remaining()];
            for (int i = reversed.length - 1; i >= 0; i--) {
                reversed[i] = message.get();
            }
            return ByteBuffer.wrap(reversed);
        }
    }

    @ServerEndpoint("/return/bytes")
    public static class ReturnsBytes {
        @OnMessage
        public byte[] on(byte[] message) {
            byte[] reversed = new byte[message.length];
            for (int i = 0; i < message.length; i++) {
                reversed[i] = message[message.length - 1 - i];
            }
            return reversed;
        }
    }
}
