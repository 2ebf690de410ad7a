package dev.duplex.tck.handshake;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/**
 * Reports which {@code Sec-WebSocket-Protocol} the response held when {@code modifyHandshake} ran, and the
 * negotiated extensions.
 */
@ServerEndpoint(value = "/response-headers", subprotocols = "chat", configurator = ResponseHeaderConfigurator.class)
public class ResponseHeaderEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("protocolBefore=" + session.getUserProperties().get("protocolBefore")
                + ";extensions=" + session.getNegotiatedExtensions());
    }
}
