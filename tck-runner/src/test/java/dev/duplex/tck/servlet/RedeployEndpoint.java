package dev.duplex.tck.servlet;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** Registers its web application's class loader with {@link LeakProbe} on open; echoes text. */
@ServerEndpoint("/redeploy")
public class RedeployEndpoint {

    @OnOpen
    public void open() {
        LeakProbe.register(getClass().getClassLoader());
    }

    @OnMessage
    public String echo(String text) {
        return text;
    }
}
