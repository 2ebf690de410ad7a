package dev.duplex.servlet;

import dev.duplex.server.WsServerContainer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Installs Duplex in a web application: always publishes the {@link ServerContainer} under
 * {@code jakarta.websocket.server.ServerContainer} (so a listener can add endpoints even when none were scanned),
 * deploys the scanned endpoints (filtered by any {@link ServerApplicationConfig}), and maps the
 * {@link UpgradeFilter}. Runs once per application, on the deployment thread.
 */
@HandlesTypes({ServerEndpoint.class, ServerApplicationConfig.class, Endpoint.class})
public final class DuplexInitializer implements ServletContainerInitializer {

    private static final System.Logger LOG = System.getLogger(DuplexInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> scanned, ServletContext context) throws ServletException {
        String name = context.getContextPath().isEmpty() ? "root" : context.getContextPath().substring(1);
        WsServerContainer container = new WsServerContainer(name, context.getClassLoader());
        try {
            ContainerSettings.apply(context, container);
        } catch (IllegalArgumentException e) {
            throw new ServletException("Duplex configuration error: " + e.getMessage(), e);
        }
        AppUpgrade app = AppUpgrade.load(context.getClassLoader());
        container.setHttpUpgrader((req, resp, config, params) ->
                ServletUpgrade.upgradeFor(container, app, req, resp, config, params));
        context.setAttribute(ServerContainer.class.getName(), container);
        context.addListener(new Shutdown(container));
        context.addListener(app.authenticated());

        FilterRegistration.Dynamic filter = context.addFilter("duplex-upgrade", new UpgradeFilter(container, app));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");

        try {
            deploy(scanned == null ? Set.of() : scanned, container);
        } catch (DeploymentException e) {
            throw new ServletException("Duplex could not deploy the WebSocket endpoints: " + e.getMessage(), e);
        }
    }

    private static void deploy(Set<Class<?>> scanned, WsServerContainer container) throws DeploymentException {
        Set<Class<?>> annotated = new HashSet<>();
        Set<Class<? extends Endpoint>> programmatic = new HashSet<>();
        Set<ServerApplicationConfig> configs = new HashSet<>();
        for (Class<?> type : scanned) {
            int mods = type.getModifiers();
            if (isDuplexOwn(type)) {
                continue;
            }
            if (!Modifier.isPublic(mods) || Modifier.isAbstract(mods) || type.isInterface()) {
                if (type.isAnnotationPresent(ServerEndpoint.class)) {
                    LOG.log(System.Logger.Level.WARNING, "not deploying " + type.getName()
                            + ": a @ServerEndpoint class must be public, concrete and not an interface (WSC-4.8.2)");
                }
                continue;
            }
            if (ServerApplicationConfig.class.isAssignableFrom(type)) {
                configs.add(newConfig(type));
            }
            if (type.isAnnotationPresent(ServerEndpoint.class)) {
                annotated.add(type); // WSC-4.8.2: only classes annotated themselves, not their subclasses
            } else if (Endpoint.class.isAssignableFrom(type)) {
                programmatic.add(type.asSubclass(Endpoint.class));
            }
        }
        if (configs.isEmpty()) {
            for (Class<?> type : annotated) {
                container.addEndpoint(type);
            }
            return;
        }
        Set<ServerEndpointConfig> endpointConfigs = new HashSet<>();
        Set<Class<?>> chosen = new HashSet<>();
        for (ServerApplicationConfig config : configs) {
            // WSC-6.2-4: each config sees the scan of its own archive (the WAR's classes, or its jar).
            Set<ServerEndpointConfig> c = config.getEndpointConfigs(sameArchive(programmatic, config.getClass()));
            if (c != null) {
                endpointConfigs.addAll(c);
            }
            Set<Class<?>> a = config.getAnnotatedEndpointClasses(sameArchive(annotated, config.getClass()));
            if (a != null) {
                chosen.addAll(a);
            }
        }
        for (ServerEndpointConfig config : endpointConfigs) {
            container.addEndpoint(config);
        }
        for (Class<?> type : chosen) {
            container.addEndpoint(type);
        }
    }

    /**
     * The packages of Duplex's engine (api-impl), where its own Endpoint adapters live; an application class in any
     * other package, even one under dev.duplex, is scanned.
     */
    private static final Set<String> DUPLEX_PACKAGES = Set.of("dev.duplex.frame", "dev.duplex.transport",
            "dev.duplex.handshake", "dev.duplex.extension", "dev.duplex.core", "dev.duplex.coder",
            "dev.duplex.session", "dev.duplex.pojo", "dev.duplex.server", "dev.duplex.client");

    /**
     * Duplex's own classes (e.g. its Endpoint adapters) are not the application's endpoints. Decided by package,
     * not by archive: a runnable jar may hold the application and Duplex together.
     */
    private static boolean isDuplexOwn(Class<?> type) {
        return DUPLEX_PACKAGES.contains(type.getPackageName());
    }

    private static <T> Set<T> sameArchive(Set<T> classes, Class<?> config) {
        Object archive = archiveOf(config);
        Set<T> result = new HashSet<>();
        for (T type : classes) {
            if (java.util.Objects.equals(archiveOf((Class<?>) type), archive)) {
                result.add(type);
            }
        }
        return Set.copyOf(result);
    }

    /** Where a class was loaded from (WEB-INF/classes or a jar), or null when unknown. */
    private static Object archiveOf(Class<?> type) {
        java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    private static ServerApplicationConfig newConfig(Class<?> type) throws DeploymentException {
        try {
            return (ServerApplicationConfig) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException("cannot create " + type.getName()
                    + ": a ServerApplicationConfig needs a public no-argument constructor", e);
        }
    }

    /** Closes the sessions (1001) and stops the threads when the application stops. */
    private static final class Shutdown implements ServletContextListener {
        private final WsServerContainer container;

        Shutdown(WsServerContainer container) {
            this.container = container;
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            container.shutdown();
        }
    }
}
