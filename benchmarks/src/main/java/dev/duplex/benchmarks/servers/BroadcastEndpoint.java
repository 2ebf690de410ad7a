package dev.duplex.benchmarks.servers;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /broadcast}: a text message to this endpoint is sent to every open session of it (the sender too), with
 * asynchronous sends in a loop through the standard API. The load generator sends the next broadcast only after
 * every session has received the previous one, so no session ever has two sends outstanding.
 */
@ServerEndpoint("/broadcast")
public class BroadcastEndpoint {

    @OnOpen
    public void open(Session session) {
        session.setMaxIdleTimeout(0);
    }

    @OnMessage
    public void text(Session session, String message) {
        for (Session each : session.getOpenSessions()) {
            each.getAsyncRemote().sendText(message);
        }
    }
}
