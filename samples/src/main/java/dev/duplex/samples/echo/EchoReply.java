package dev.duplex.samples.echo;

import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends a received message back to its sender, whole, through the session's blocking remote endpoint.
 *
 * <p>Called by the echo endpoints from their {@code @OnMessage} methods, that is on the thread Duplex delivers the
 * message on, one message at a time per session (WSC-5.1-2). Each send blocks until the message has been handed
 * to the connection (or the session's send timeout expires) and throws {@link IOException} if the session closed
 * meanwhile.
 */
final class EchoReply {

    private EchoReply() {
    }

    static void text(Session session, String message) throws IOException {
        session.getBasicRemote().sendText(message);
    }

    static void binary(Session session, ByteBuffer message) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }

    static void binary(Session session, byte[] message) throws IOException {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(message));
    }
}
