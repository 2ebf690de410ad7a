package dev.duplex.servlet.conformance;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/** Echoes every text and binary message through the return value; messages up to 1 MiB. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnMessage(maxMessageSize = 1 << 20)
    public String text(String message) {
        return message;
    }

    @OnMessage(maxMessageSize = 1 << 20)
    public ByteBuffer binary(ByteBuffer message) {
        return message;
    }
}
