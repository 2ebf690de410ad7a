package dev.duplex.session;

import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@link RemoteEndpoint.Basic}: each send returns when its message is written (or fails with an IOException after
 * the send timeout). Any number of threads may send at once: messages queue in order, never an
 * IllegalStateException for overlap.
 */
final class WsBasicRemote extends WsRemoteEndpoint implements RemoteEndpoint.Basic {

    WsBasicRemote(WsSession session) {
        super(session);
    }

    @Override
    public void sendText(String text) throws IOException {
        requireNonNull(text, "text");
        ByteBuffer utf8 = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        sendBlocking(utf8.remaining(), cb -> session.connection().sendText(utf8, cb));
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        requireNonNull(data, "data");
        ByteBuffer payload = payload(data);
        sendBlocking(payload.remaining(), cb -> session.connection().sendBinary(payload, cb));
        data.position(data.limit()); // javadoc: the buffer has been consumed once the send returned
    }

    /**
     * Sends what an {@code @OnMessage} method returned. The application let go of the value by returning it, so a
     * binary one (a returned {@code ByteBuffer}, or what an encoder made of the value) is queued as it is, even
     * inline, where a send of a buffer the application keeps queues a copy ({@link #payload}).
     */
    void sendReturned(Object value) throws IOException, EncodeException {
        Object wire = OutgoingObject.toWire(value, session.encoders());
        if (wire instanceof String s) {
            sendText(s);
            return;
        }
        ByteBuffer payload = ((ByteBuffer) wire).duplicate();
        sendBlocking(payload.remaining(), cb -> session.connection().sendBinary(payload, cb));
    }

    @Override
    public void sendText(String partialMessage, boolean isLast) throws IOException {
        requireNonNull(partialMessage, "partialMessage");
        ByteBuffer utf8 = ByteBuffer.wrap(partialMessage.getBytes(StandardCharsets.UTF_8));
        sendBlocking(utf8.remaining(), cb -> session.connection().sendPart(true, utf8, isLast, cb));
    }

    @Override
    public void sendBinary(ByteBuffer partialByte, boolean isLast) throws IOException {
        requireNonNull(partialByte, "partialByte");
        ByteBuffer payload = payload(partialByte);
        sendBlocking(payload.remaining(), cb -> session.connection().sendPart(false, payload, isLast, cb));
        partialByte.position(partialByte.limit());
    }

    @Override
    public OutputStream getSendStream() throws IOException {
        return new PartialOutputStream(this);
    }

    @Override
    public Writer getSendWriter() throws IOException {
        return new PartialWriter(this);
    }

    @Override
    public void sendObject(Object data) throws IOException, EncodeException {
        Object wire = OutgoingObject.toWire(data, session.encoders());
        if (wire instanceof String s) {
            sendText(s);
        } else {
            sendBinary((ByteBuffer) wire);
        }
    }

    static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
