package dev.duplex.tck.session;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** A second endpoint in the same application: answers {@code open} with the ids of its own open sessions. */
@ServerEndpoint("/other")
public class OtherEndpoint {

    @OnMessage
    public String ask(String question, Session session) {
        return question.equals("id") ? session.getId() : InfoEndpoint.openSessions(session);
    }
}
