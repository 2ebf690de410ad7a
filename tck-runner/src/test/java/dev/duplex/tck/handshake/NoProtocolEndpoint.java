package dev.duplex.tck.handshake;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Supports no subprotocol; reports the negotiated one in brackets. */
@ServerEndpoint("/no-proto")
public class NoProtocolEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("[" + session.getNegotiatedSubprotocol() + "]");
    }
}
