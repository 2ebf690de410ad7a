package dev.duplex.tck.deploy;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;

/**
 * Uses every {@code @ServerEndpoint} attribute: a template path, subprotocols, a decoder, an encoder and a
 * configurator. Reports what it sees on open; answers each {@link Point} with the doubled point (encoded).
 */
@ServerEndpoint(value = "/full/{room}", subprotocols = {"v1", "v2"}, decoders = PointDecoder.class,
        encoders = PointEncoder.class, configurator = FullConfigurator.class)
public class FullEndpoint {

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("room") String room) throws IOException {
        ServerEndpointConfig server = (ServerEndpointConfig) config;
        session.getBasicRemote().sendText("room=" + room
                + "\nsubprotocol=" + session.getNegotiatedSubprotocol()
                + "\nconfigured=" + session.getUserProperties().get("configured")
                + "\npath=" + server.getPath()
                + "\nendpointClass=" + server.getEndpointClass().getName()
                + "\nsubprotocols=" + server.getSubprotocols()
                + "\ndecoders=" + config.getDecoders()
                + "\nencoders=" + config.getEncoders()
                + "\nconfiguratorClass=" + server.getConfigurator().getClass().getName());
    }

    @OnMessage
    public Point doubled(Point point) {
        return new Point(point.x() * 2, point.y() * 2);
    }
}
