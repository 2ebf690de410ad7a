package dev.duplex.benchmarks.dispatch;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * The endpoint under {@link DispatchBenchmark}: every text and binary message goes back whole through the return
 * value, as the load suite's echo endpoint does (Duplex sends a returned value through the basic remote).
 * Default limits (1 MiB messages, no idle timeout) cover every case measured. Called on the session's
 * dispatcher, one message at a time; never blocks except in that send, which the in-memory transport completes
 * at once.
 */
@ServerEndpoint(EchoEndpoint.PATH)
public class EchoEndpoint {

    static final String PATH = "/echo";

    @OnMessage
    public String text(String message) {
        return message;
    }

    @OnMessage
    public ByteBuffer binary(ByteBuffer message) {
        return message;
    }
}
