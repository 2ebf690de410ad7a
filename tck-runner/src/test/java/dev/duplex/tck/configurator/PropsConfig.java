package dev.duplex.tck.configurator;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Set;

/**
 * Deploys {@link PropsEndpoint} at {@code /props} with {@link PropsConfigurator} and one user property,
 * {@code shared=deployed}; keeps the deployed configuration for the endpoint to inspect.
 */
public class PropsConfig implements ServerApplicationConfig {

    static volatile ServerEndpointConfig deployed;

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(PropsEndpoint.class, "/props")
                .configurator(new PropsConfigurator())
                .build();
        config.getUserProperties().put("shared", "deployed");
        deployed = config;
        return Set.of(config);
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
