package dev.duplex.tck.configurator;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reports its session's user properties on open (then adds {@code mine} to them), and again for every text message;
 * also whether the deployed configuration's map picked up any per-connection entry.
 */
public class PropsEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        send(session, "open");
        session.getUserProperties().put("mine", session.getUserProperties().get("conn"));
        session.addMessageHandler(String.class, message -> send(session, message));
    }

    private static void send(Session session, String what) {
        Map<String, Object> props = session.getUserProperties();
        Map<String, Object> deployedProps = PropsConfig.deployed.getUserProperties();
        try {
            session.getBasicRemote().sendText(what + ";conn=" + props.get("conn") + ";shared=" + props.get("shared")
                    + ";mine=" + props.get("mine")
                    + ";handshakeMapIsDeployedMap=" + props.get("handshakeMapIsDeployedMap")
                    + ";deployedKeys=" + new java.util.TreeSet<>(deployedProps.keySet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
