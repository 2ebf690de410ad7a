package dev.duplex.tck.echo;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Sends every whole text and binary message (up to 2 MiB) back through the blocking remote endpoint. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    public static final int MAX_MESSAGE_SIZE = 2 * 1024 * 1024;

    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public void onText(String message, Session session) throws IOException {
        session.getBasicRemote().sendText(message);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public void onBinary(ByteBuffer message, Session session) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
