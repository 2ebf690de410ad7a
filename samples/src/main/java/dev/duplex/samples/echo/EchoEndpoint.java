package dev.duplex.samples.echo;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Echoes every text and binary message back to its sender, for messages up to 16 MiB.
 *
 * <p>Duplex creates one instance per connection and calls it one message at a time (WSC-5.1-2). A larger message
 * closes the session with 1009 (Too Big, WSC-4.7.1-1).
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    /** The largest text or binary message this endpoint accepts, in bytes. */
    public static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public void onText(String message, Session session) throws IOException {
        EchoReply.text(session, message);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public void onBinary(ByteBuffer message, Session session) throws IOException {
        EchoReply.binary(session, message);
    }
}
