package dev.duplex.tck.servlet;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** A programmatic endpoint that echoes text, deployed only by {@link AddingListener}. */
public class ProgrammaticEcho extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, text -> session.getAsyncRemote().sendText("echo:" + text));
    }
}
