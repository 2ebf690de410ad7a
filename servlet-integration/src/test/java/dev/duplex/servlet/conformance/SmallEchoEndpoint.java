package dev.duplex.servlet.conformance;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/** Like {@link EchoEndpoint}, but accepts messages of at most {@value #LIMIT} bytes (1009 above it). */
@ServerEndpoint("/echo-small")
public class SmallEchoEndpoint {

    static final int LIMIT = 1024;

    @OnMessage(maxMessageSize = LIMIT)
    public String text(String message) {
        return message;
    }

    @OnMessage(maxMessageSize = LIMIT)
    public ByteBuffer binary(ByteBuffer message) {
        return message;
    }
}
