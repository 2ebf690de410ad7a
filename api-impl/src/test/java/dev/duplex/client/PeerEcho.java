package dev.duplex.client;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The server-side endpoint the peers (Tomcat's and Jetty's own WebSocket implementations) run for the interop
 * tests: echoes text and binary; "close:CODE:reason" makes it close with that code; the close reason it receives is
 * recorded under the connection's {@code ?id=} query parameter, for the test to check.
 */
public class PeerEcho extends Endpoint {

    private static final Map<String, BlockingQueue<CloseReason>> CLOSES = new ConcurrentHashMap<>();

    /** The close reasons the server side saw for connections with {@code ?id=id}. */
    static BlockingQueue<CloseReason> closesOf(String id) {
        return CLOSES.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> onText(session, text));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
            try {
                session.getBasicRemote().sendBinary(data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void onText(Session session, String text) {
        try {
            if (text.startsWith("close:")) {
                String[] parts = text.split(":", 3);
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(parts[1])),
                        parts.length > 2 ? parts[2] : ""));
            } else if (text.equals("subprotocol?")) {
                session.getBasicRemote().sendText("subprotocol=" + session.getNegotiatedSubprotocol());
            } else {
                session.getBasicRemote().sendText(text);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        List<String> ids = session.getRequestParameterMap().get("id");
        if (ids != null && !ids.isEmpty()) {
            closesOf(ids.get(0)).add(closeReason);
        }
    }
}
