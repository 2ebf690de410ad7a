package dev.duplex.client;

import dev.duplex.pojo.EndpointModel;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import java.util.List;

/**
 * A {@code @ClientEndpoint} class, scanned and validated once per container: its {@link EndpointModel} and the
 * {@link ClientEndpointConfig} its annotation describes (subprotocols, encoders, decoders, and one configurator
 * instance shared by every connection of the class, spec §4.2.3-1). Immutable.
 *
 * @param model the scanned callbacks
 * @param config the configuration from the annotation
 */
record AnnotatedClient(EndpointModel model, ClientEndpointConfig config) {

    /** Scans {@code type}; fails with a message naming the class and the rule it breaks. */
    static AnnotatedClient scan(Class<?> type) throws DeploymentException {
        ClientEndpoint annotation = type.getAnnotation(ClientEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException("cannot connect " + type.getName() + ": it has no @ClientEndpoint"
                    + " annotation (a programmatic endpoint extends jakarta.websocket.Endpoint and comes with a"
                    + " ClientEndpointConfig)");
        }
        EndpointModel model = EndpointModel.scan(type, null, List.of(annotation.decoders()),
                List.of(annotation.encoders()));
        ClientEndpointConfig.Builder builder = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(annotation.subprotocols()))
                .encoders(List.of(annotation.encoders()))
                .decoders(List.of(annotation.decoders()));
        Class<? extends ClientEndpointConfig.Configurator> configurator = annotation.configurator();
        if (configurator != ClientEndpointConfig.Configurator.class) {
            try {
                builder.configurator(configurator.getConstructor().newInstance());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new DeploymentException("cannot create configurator " + configurator.getName() + " of "
                        + type.getName() + ": it needs a public no-argument constructor", e);
            }
        }
        return new AnnotatedClient(model, builder.build());
    }
}
