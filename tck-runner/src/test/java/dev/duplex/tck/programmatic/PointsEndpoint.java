package dev.duplex.tck.programmatic;

import dev.duplex.tck.deploy.Point;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A programmatic endpoint deployed by {@link PointsConfig}: reports what its configuration and session say, then
 * answers each {@link Point} (decoded by the configured decoder) with the doubled point (sent as an object, so
 * encoded by the configured encoder).
 */
public class PointsEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        ServerEndpointConfig server = (ServerEndpointConfig) config;
        try {
            session.getBasicRemote().sendText("owner=" + session.getPathParameters().get("owner")
                    + "\nsubprotocol=" + session.getNegotiatedSubprotocol()
                    + "\nlabel=" + session.getUserProperties().get("label")
                    + "\nconfigured=" + session.getUserProperties().get("configured")
                    + "\npath=" + server.getPath()
                    + "\nendpointClass=" + server.getEndpointClass().getName()
                    + "\nsubprotocols=" + server.getSubprotocols()
                    + "\nextensions=" + server.getExtensions()
                    + "\ndecoders=" + config.getDecoders()
                    + "\nencoders=" + config.getEncoders()
                    + "\nconfiguratorClass=" + server.getConfigurator().getClass().getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        session.addMessageHandler(Point.class, (MessageHandler.Whole<Point>) point -> {
            try {
                session.getBasicRemote().sendObject(new Point(point.x() * 2, point.y() * 2));
            } catch (IOException | EncodeException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
