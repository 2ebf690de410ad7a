package dev.duplex.session;

import dev.duplex.core.SendCallback;
import dev.duplex.frame.FrameWriter;
import dev.duplex.frame.OpCode;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message encoded and framed once, then sent to any number of sessions: the encode-once broadcast of Duplex (an
 * extension of the standard API). Every server session gets the very same frame bytes (server frames are not
 * masked), in order with its other sends, under its own outbound budget (key duplex.outboundLimitBytes) and its
 * overflow policy (duplex.outboundOverflow), exactly like {@code getAsyncRemote().sendText(text, handler)}.
 *
 * <pre>{@code
 * PreparedMessage quote = PreparedMessage.text(json);
 * quote.sendTo(session.getOpenSessions(), result -> {
 *     if (!result.isOK()) {
 *         log(result.getSession(), result.getException());
 *     }
 * });
 * }</pre>
 *
 * <p>Differences from an async send: nothing is encoded per session, and no per-send timer is armed (the outbound
 * budget bounds what a slow peer can hold up, and its overflow policy applies at once). Sessions of another
 * implementation, and client sessions (whose frames are masked one by one), get a plain async send.
 *
 * <p>Threads: immutable; {@link #sendTo} and {@link #sendAsync} may be called from any thread and never block.
 */
public final class PreparedMessage {

    private final boolean text;
    private final ByteBuffer payload;
    private final ByteBuffer frame;

    private PreparedMessage(boolean text, ByteBuffer payload) {
        this.text = text;
        this.payload = payload;
        this.frame = FrameWriter.encode(true, 0, text ? OpCode.TEXT : OpCode.BINARY, payload.duplicate(), false, 0);
    }

    /** A text message; its UTF-8 bytes and frame are made now, once. */
    public static PreparedMessage text(String text) {
        Objects.requireNonNull(text, "text");
        return new PreparedMessage(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A binary message: a copy of the buffer's remaining bytes (the buffer itself is left as it was). */
    public static PreparedMessage binary(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return new PreparedMessage(false, copy);
    }

    /** Payload bytes (what counts against message size limits; the frame adds 2 to 10 header bytes). */
    public int payloadLength() {
        return payload.remaining();
    }

    /**
     * Queues this message on every session in {@code sessions}; {@code handler} gets one
     * {@link jakarta.websocket.SendResult} per session ({@code getSession()} says which), on the thread that
     * finished that session's write. A closed session, or one whose outbound budget is full, gets a failed result;
     * the others are not affected.
     */
    public void sendTo(Iterable<? extends Session> sessions, SendHandler handler) {
        Objects.requireNonNull(handler, "handler");
        for (Session session : sessions) {
            sendAsync(session, handler);
        }
    }

    /** Queues this message on one session; {@code handler} gets the result. */
    public void sendAsync(Session session, SendHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (!(session instanceof WsSession ws) || ws.connection().config().isClient()) {
            try {
                if (text) {
                    session.getAsyncRemote().sendText(StandardCharsets.UTF_8.decode(payload.duplicate()).toString(),
                            handler);
                } else {
                    session.getAsyncRemote().sendBinary(payload.duplicate(), handler);
                }
            } catch (IllegalStateException closed) {
                handler.onResult(new jakarta.websocket.SendResult(session, closed));
            }
            return;
        }
        SendCallback callback = WsAsyncRemote.toHandler(session, handler);
        try {
            ws.asyncRemote().sendPrepared(frame.duplicate(), payload.remaining(), callback);
        } catch (IllegalStateException closed) {
            callback.failed(closed);
        }
    }
}
