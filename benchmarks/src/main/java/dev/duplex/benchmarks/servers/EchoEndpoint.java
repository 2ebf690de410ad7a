package dev.duplex.benchmarks.servers;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * {@code /echo}: every text and binary message goes back whole through the return value (the basic remote), with
 * each implementation's default message size limits (the 64 B and idle scenarios; {@link LargeEchoEndpoint} serves
 * the big ones). The same class runs on every Jakarta implementation under test. Called on the implementation's
 * own threads, one message at a time per session.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnOpen
    public void open(Session session) {
        session.setMaxIdleTimeout(0);
    }

    @OnMessage
    public String text(String message) {
        return message;
    }

    @OnMessage
    public ByteBuffer binary(ByteBuffer message) {
        return message;
    }
}
