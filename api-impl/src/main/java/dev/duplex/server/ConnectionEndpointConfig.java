package dev.duplex.server;

import dev.duplex.session.UserProperties;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * A deployed {@link ServerEndpointConfig} as one connection sees it: everything from the deployed configuration,
 * except user properties, which are the connection's own copy, so that what {@code modifyHandshake} puts there
 * reaches only this session ({@code Session.getUserProperties}). Created per handshake.
 */
final class ConnectionEndpointConfig implements ServerEndpointConfig {

    private final ServerEndpointConfig deployed;
    private final Map<String, Object> userProperties;

    ConnectionEndpointConfig(ServerEndpointConfig deployed) {
        this.deployed = deployed;
        this.userProperties = UserProperties.copyOf(deployed.getUserProperties());
    }

    @Override
    public Class<?> getEndpointClass() {
        return deployed.getEndpointClass();
    }

    @Override
    public String getPath() {
        return deployed.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return deployed.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return deployed.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return deployed.getConfigurator();
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return deployed.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return deployed.getDecoders();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }
}
