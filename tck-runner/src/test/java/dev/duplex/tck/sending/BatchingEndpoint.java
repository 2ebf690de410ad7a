package dev.duplex.tck.sending;

import jakarta.websocket.OnMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Batching commands: {@code state} reports {@code getBatchingAllowed}; {@code batch-basic} / {@code batch-async}
 * allow batching on that remote and send three messages; {@code flush} calls {@code flushBatch}; {@code disable}
 * disallows batching on both remotes and then reports the state.
 */
@ServerEndpoint("/batch")
public class BatchingEndpoint {

    @OnMessage
    public void command(String command, Session session) throws IOException {
        RemoteEndpoint.Basic basic = session.getBasicRemote();
        RemoteEndpoint.Async async = session.getAsyncRemote();
        switch (command) {
            case "state" -> basic.sendText(state(session));
            case "batch-basic" -> {
                basic.setBatchingAllowed(true);
                basic.sendText("b1");
                basic.sendText("b2");
                basic.sendBinary(ByteBuffer.wrap(new byte[] {3}));
            }
            case "batch-async" -> {
                async.setBatchingAllowed(true);
                async.sendText("c1");
                async.sendText("c2");
                async.sendBinary(ByteBuffer.wrap(new byte[] {3}));
            }
            case "flush" -> basic.flushBatch();
            case "disable" -> {
                basic.setBatchingAllowed(false);
                async.setBatchingAllowed(false);
                basic.sendText("disabled " + state(session));
            }
            default -> throw new IllegalArgumentException(command);
        }
    }

    private static String state(Session session) {
        return "basic=" + session.getBasicRemote().getBatchingAllowed()
                + " async=" + session.getAsyncRemote().getBatchingAllowed();
    }
}
