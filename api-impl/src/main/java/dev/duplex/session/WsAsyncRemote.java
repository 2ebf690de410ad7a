package dev.duplex.session;

import dev.duplex.core.SendCallback;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;

/**
 * {@link RemoteEndpoint.Async}: sends return at once; the result arrives through a {@link SendHandler} or a
 * {@link Future}, on the thread that completed the write, never under a lock of ours. A send that does not fit in
 * the session's outbound budget fails at once with an IOException naming the budget (DESIGN.md §3 rule 4).
 */
final class WsAsyncRemote extends WsRemoteEndpoint implements RemoteEndpoint.Async {

    WsAsyncRemote(WsSession session) {
        super(session);
    }

    @Override
    public long getSendTimeout() {
        return session.sendTimeoutMillis();
    }

    @Override
    public void setSendTimeout(long timeoutmillis) {
        session.setSendTimeoutMillis(timeoutmillis);
    }

    @Override
    public void sendText(String text, SendHandler handler) {
        WsBasicRemote.requireNonNull(text, "text");
        WsBasicRemote.requireNonNull(handler, "handler");
        sendTextBytes(text, toHandler(handler));
    }

    @Override
    public Future<Void> sendText(String text) {
        WsBasicRemote.requireNonNull(text, "text");
        SendFuture future = new SendFuture();
        sendTextBytes(text, future);
        return future;
    }

    private void sendTextBytes(String text, SendCallback callback) {
        ByteBuffer utf8 = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        if (admit(utf8.remaining(), callback)) {
            session.connection().sendText(utf8, timed(callback));
        }
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        WsBasicRemote.requireNonNull(data, "data");
        SendFuture future = new SendFuture();
        sendBinaryBytes(data.duplicate(), consuming(data, future));
        return future;
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        WsBasicRemote.requireNonNull(data, "data");
        WsBasicRemote.requireNonNull(handler, "handler");
        sendBinaryBytes(data.duplicate(), consuming(data, toHandler(handler)));
    }

    /** Marks the application's buffer consumed (position = limit) when the send succeeds, before reporting it. */
    private static SendCallback consuming(ByteBuffer data, SendCallback callback) {
        return new SendCallback() {
            @Override
            public void completed() {
                consumed(data);
                callback.completed();
            }

            @Override
            public void failed(Throwable failure) {
                callback.failed(failure);
            }
        };
    }

    private void sendBinaryBytes(ByteBuffer data, SendCallback callback) {
        if (admit(data.remaining(), callback)) {
            session.connection().sendBinary(data, timed(callback));
        }
    }

    /** A whole message framed beforehand (PreparedMessage): admitted like any async send, with no timer. */
    void sendPrepared(ByteBuffer frame, int payloadBytes, SendCallback callback) {
        if (admit(payloadBytes, callback)) {
            session.connection().sendPreparedFrame(frame, callback);
        }
    }

    @Override
    public Future<Void> sendObject(Object data) {
        SendFuture future = new SendFuture();
        sendObject(data, future);
        return future;
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        WsBasicRemote.requireNonNull(handler, "handler");
        sendObject(data, toHandler(handler));
    }

    private void sendObject(Object data, SendCallback callback) {
        Object wire;
        try {
            wire = OutgoingObject.toWire(data, session.encoders());
        } catch (EncodeException e) {
            callback.failed(e);
            return;
        }
        if (wire instanceof String s) {
            sendTextBytes(s, callback);
        } else {
            sendBinaryBytes(((ByteBuffer) wire).duplicate(), callback);
        }
    }

    /** Refuses a send that does not fit in the outbound budget, failing its callback with a clear message. */
    private boolean admit(long bytes, SendCallback callback) {
        if (session.connection().hasSendRoom(bytes)) {
            return true;
        }
        String why = "session " + session.getId() + ": cannot queue " + bytes + " more bytes: "
                + session.connection().queuedBytes() + " bytes are already waiting for a slow peer (outbound limit "
                + session.connection().config().outboundLimit() + " bytes, key duplex.outboundLimitBytes)";
        if (session.closeOnOverflow()) {
            // Overflow policy "close" (key duplex.outboundOverflow): the slow consumer goes, not the message.
            session.connection().close(dev.duplex.frame.CloseCodes.POLICY_VIOLATION,
                    "Too slow: outbound limit of " + session.connection().config().outboundLimit() + " bytes exceeded");
        }
        callback.failed(new IOException(why));
        return false;
    }

    /**
     * Applies the send timeout: a send not written within it fails with a SocketTimeoutException naming the
     * timeout (the frame may still go out later, as with any implementation once bytes are queued).
     */
    private SendCallback timed(SendCallback callback) {
        long timeout = session.sendTimeoutMillis();
        if (timeout <= 0) {
            return callback;
        }
        TimedSend timed = new TimedSend(callback, session.getId(), timeout);
        timed.arm(session.connection().schedule(timed::expire, timeout));
        return timed;
    }

    private SendCallback toHandler(SendHandler handler) {
        return toHandler(session, handler);
    }

    /** Reports a send's outcome on {@code session} to {@code handler} as a {@link SendResult}. */
    static SendCallback toHandler(jakarta.websocket.Session session, SendHandler handler) {
        return new SendCallback() {
            @Override
            public void completed() {
                handler.onResult(new SendResult(session));
            }

            @Override
            public void failed(Throwable failure) {
                handler.onResult(new SendResult(session, failure));
            }
        };
    }
}
