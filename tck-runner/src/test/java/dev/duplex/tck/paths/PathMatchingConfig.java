package dev.duplex.tck.paths;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Set;
import java.util.stream.Collectors;

/** Deploys {@link PathReporter} at the endpoint paths of spec §3.1.1's examples. */
public class PathMatchingConfig implements ServerApplicationConfig {

    /** The deployed paths. */
    public static final Set<String> PATHS = Set.of(
            "/a/{var}/c", "/a/b/c", "/a/{var1}/{var2}", // spec §3.1.1 example iii
            "/{var1}/d", "/b/{var2}", // example iv
            "/m/{var}", // example ii
            "/x/y", "/x/{name}", // an exact path beside a template that also matches it
            "/exact"); // a plain path

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        return PATHS.stream()
                .map(path -> ServerEndpointConfig.Builder.create(PathReporter.class, path).build())
                .collect(Collectors.toSet());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
