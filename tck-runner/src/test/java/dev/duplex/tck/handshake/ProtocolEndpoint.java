package dev.duplex.tck.handshake;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Supports alpha, beta and gamma (in that order of preference); reports the negotiated subprotocol in brackets. */
@ServerEndpoint(value = "/proto", subprotocols = {"alpha", "beta", "gamma"})
public class ProtocolEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("[" + session.getNegotiatedSubprotocol() + "]");
    }
}
