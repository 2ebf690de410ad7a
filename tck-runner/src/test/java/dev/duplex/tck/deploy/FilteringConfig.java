package dev.duplex.tck.deploy;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps {@link KeptEndpoint} out of the scanned annotated classes (so {@link ExcludedEndpoint} is not deployed),
 * deploys {@link ScannedProgrammaticEndpoint} at {@code /programmatic}, and remembers what the scan passed in
 * (sorted simple names).
 */
public class FilteringConfig implements ServerApplicationConfig {

    static volatile String annotatedSeen = "not called";
    static volatile String programmaticSeen = "not called";

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        programmaticSeen = names(endpointClasses);
        return Set.of(ServerEndpointConfig.Builder.create(ScannedProgrammaticEndpoint.class, "/programmatic")
                .build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        annotatedSeen = names(scanned);
        return scanned.contains(KeptEndpoint.class) ? Set.of(KeptEndpoint.class) : Set.of();
    }

    private static String names(Set<? extends Class<?>> classes) {
        Set<String> names = new TreeSet<>();
        classes.forEach(c -> names.add(c.getSimpleName()));
        return names.toString();
    }
}
