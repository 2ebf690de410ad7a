package dev.duplex.samples.echo;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/**
 * The same echo as {@link EchoEndpoint} with a 64 KiB limit: a bigger message closes the session with 1009
 * (Too Big, WSC-4.7.1-1). It also shows the {@code byte[]} form of a binary message handler.
 *
 * <p>Duplex creates one instance per connection and calls it one message at a time (WSC-5.1-2).
 */
@ServerEndpoint("/echo-64k")
public class Echo64kEndpoint {

    /** The largest text or binary message this endpoint accepts, in bytes. */
    public static final int MAX_MESSAGE_SIZE = 64 * 1024;

    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public void onText(String message, Session session) throws IOException {
        EchoReply.text(session, message);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public void onBinary(byte[] message, Session session) throws IOException {
        EchoReply.binary(session, message);
    }
}
