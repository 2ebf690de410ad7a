package dev.duplex.tck.programmatic;

import dev.duplex.tck.deploy.PointDecoder;
import dev.duplex.tck.deploy.PointEncoder;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Set;

/** Deploys {@link PointsEndpoint} with every {@code ServerEndpointConfig.Builder} attribute set. */
public class PointsConfig implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(PointsEndpoint.class, "/points/{owner}")
                .subprotocols(List.of("p1", "p2"))
                .encoders(List.of(PointEncoder.class))
                .decoders(List.of(PointDecoder.class))
                .configurator(new PointsConfigurator())
                .build();
        config.getUserProperties().put("label", "builder");
        return Set.of(config);
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
