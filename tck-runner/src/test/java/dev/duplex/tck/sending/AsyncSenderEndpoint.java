package dev.duplex.tck.sending;

import jakarta.websocket.EncodeException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends through {@code RemoteEndpoint.Async} what each text command asks for, then reports how the send completed
 * as a text message: {@code future-<what>} uses the {@code Future} variant, {@code handler-<what>} the
 * {@code SendHandler} variant, where {@code <what>} is {@code text}, {@code binary}, {@code object:Point},
 * {@code object:int} or {@code object:none} (a type without encoder).
 */
@ServerEndpoint(value = "/async", encoders = Point.PointEncoder.class)
public class AsyncSenderEndpoint {

    private Point.Unencodable unencodable;

    @OnMessage
    public void command(String command, Session session) throws Exception {
        RemoteEndpoint.Async async = session.getAsyncRemote();
        RemoteEndpoint.Basic basic = session.getBasicRemote();
        if (command.startsWith("future-")) {
            String what = command.substring("future-".length());
            ByteBuffer binary = ByteBuffer.wrap(new byte[] {1, 2, 3});
            Future<Void> future = switch (what) {
                case "text" -> async.sendText("async text");
                case "binary" -> async.sendBinary(binary);
                default -> async.sendObject(object(what));
            };
            String outcome;
            try {
                outcome = "done value=" + future.get(10, TimeUnit.SECONDS) + " isDone=" + future.isDone();
            } catch (ExecutionException e) {
                outcome = "failed " + describe(e.getCause());
            }
            basic.sendText("future " + outcome);
        } else if (command.startsWith("handler-")) {
            String what = command.substring("handler-".length());
            SendHandler handler = result -> report(session, result);
            switch (what) {
                case "text" -> async.sendText("async text", handler);
                case "binary" -> async.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), handler);
                default -> async.sendObject(object(what), handler);
            }
        } else if (command.equals("timeout")) {
            long initial = async.getSendTimeout();
            long containerDefault = session.getContainer().getDefaultAsyncSendTimeout();
            async.setSendTimeout(1234);
            basic.sendText("initial=" + initial + " container=" + containerDefault
                    + " after=" + async.getSendTimeout());
        } else if (command.equals("nulls")) {
            SendHandler ignore = result -> { };
            basic.sendText(String.join(",",
                    BasicSenderEndpoint.attempt(() -> async.sendText(null)),
                    BasicSenderEndpoint.attempt(() -> async.sendText(null, ignore)),
                    BasicSenderEndpoint.attempt(() -> async.sendText("x", null)),
                    BasicSenderEndpoint.attempt(() -> async.sendBinary(null)),
                    BasicSenderEndpoint.attempt(() -> async.sendBinary(ByteBuffer.allocate(1), null)),
                    BasicSenderEndpoint.attempt(() -> async.sendObject(null)),
                    BasicSenderEndpoint.attempt(() -> async.sendObject("x", null))));
        }
    }

    private Object object(String what) {
        return switch (what) {
            case "object:Point" -> new Point(3, 4);
            case "object:int" -> 99;
            case "object:none" -> unencodable = new Point.Unencodable("none");
            default -> throw new IllegalArgumentException(what);
        };
    }

    private String describe(Throwable failure) {
        String text = failure == null ? "null" : failure.getClass().getSimpleName();
        if (failure instanceof EncodeException encode) {
            text += " object=" + (encode.getObject() == unencodable);
        }
        return text;
    }

    /** Runs in the {@code SendHandler}: reports the {@code SendResult} with another async send. */
    private void report(Session sending, SendResult result) {
        String text = "handler isOK=" + result.isOK() + " exception=" + describe(result.getException())
                + " sameSession=" + (result.getSession() == sending);
        sending.getAsyncRemote().sendText(text);
    }
}
