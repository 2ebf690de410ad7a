package dev.duplex.server;

import dev.duplex.coder.CoderSpecs;
import dev.duplex.core.ConnectionConfig;
import dev.duplex.pojo.EndpointModel;
import dev.duplex.session.ContainerDefaults;
import dev.duplex.session.SessionGroup;
import dev.duplex.session.SessionSettings;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The servlet-free {@link ServerContainer}: deploys endpoints, matches handshake paths, decides handshakes and owns
 * the shared threads of its sessions. One per web application.
 *
 * <p>Threads: {@code addEndpoint} during deployment (an {@link IllegalStateException} once the first handshake was
 * served); everything else from any thread.
 */
public final class WsServerContainer extends ContainerDefaults implements ServerContainer {

    private static final System.Logger LOG = System.getLogger(WsServerContainer.class.getName());

    private final ClassLoader classLoader;
    private final EndpointRegistry registry = new EndpointRegistry();
    private final UpgradeProcessor processor = new UpgradeProcessor(this);
    private final DuplexThreads threads;
    private volatile boolean closeOnOverflow;
    private volatile java.util.Set<String> allowedOrigins = java.util.Set.of();
    private volatile boolean deploymentOpen = true;
    private volatile HttpUpgrader httpUpgrader;
    /** The API's own default; servlet-integration chooses per container (ContainerSettings.defaultDispatch). */
    private volatile boolean inlineDispatch;
    /** The connection settings shared by new sessions; rebuilt when a setting they carry changes. */
    private volatile ConnectionConfig sharedConfig;

    /**
     * @param name names the container's threads (e.g. the context path)
     * @param classLoader the web application's class loader, set around every endpoint callback
     * @param outboundLimit bytes each session may queue for sending
     */
    public WsServerContainer(String name, ClassLoader classLoader, long outboundLimit) {
        this.classLoader = classLoader;
        this.threads = new DuplexThreads(name);
        setOutboundLimit(outboundLimit);
    }

    public WsServerContainer(String name, ClassLoader classLoader) {
        this(name, classLoader, ConnectionConfig.DEFAULT_OUTBOUND_LIMIT);
    }

    // ---------------------------------------------------------------- deployment

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        checkDeploymentOpen();
        ServerEndpoint annotation = endpointClass.getAnnotation(ServerEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException("cannot deploy " + endpointClass.getName()
                    + ": it has no @ServerEndpoint annotation (use addEndpoint(ServerEndpointConfig) for Endpoint subclasses)");
        }
        if (registry.contains(endpointClass)) {
            LOG.log(Level.DEBUG, () -> endpointClass.getName() + " is already deployed; ignoring the duplicate (spec §6.4)");
            return;
        }
        UriTemplate template = template(annotation.value(), endpointClass);
        EndpointModel model = EndpointModel.scan(endpointClass, template.variables(), List.of(annotation.decoders()),
                List.of(annotation.encoders()));
        ServerEndpointConfig.Builder builder = ServerEndpointConfig.Builder.create(endpointClass, annotation.value())
                .subprotocols(List.of(annotation.subprotocols()))
                .encoders(List.of(annotation.encoders()))
                .decoders(List.of(annotation.decoders()));
        if (annotation.configurator() != ServerEndpointConfig.Configurator.class) {
            builder.configurator(newConfigurator(endpointClass, annotation.configurator()));
        }
        register(new Registration(builder.build(), template, model, new SessionGroup()));
    }

    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        checkDeploymentOpen();
        Class<?> type = config.getEndpointClass();
        UriTemplate template = template(config.getPath(), type);
        CoderSpecs.encoders(config.getEncoders());
        CoderSpecs.decoders(config.getDecoders());
        EndpointModel model = null;
        if (!Endpoint.class.isAssignableFrom(type)) {
            if (!type.isAnnotationPresent(ServerEndpoint.class)) {
                throw new DeploymentException("cannot deploy " + type.getName() + " at " + config.getPath()
                        + ": it neither extends jakarta.websocket.Endpoint nor has @ServerEndpoint");
            }
            model = EndpointModel.scan(type, template.variables(), config.getDecoders(), config.getEncoders());
        }
        register(new Registration(config, template, model, new SessionGroup()));
    }

    private static UriTemplate template(String path, Class<?> endpoint) throws DeploymentException {
        try {
            return new UriTemplate(path);
        } catch (DeploymentException e) {
            throw new DeploymentException("cannot deploy " + endpoint.getName() + ": " + e.getMessage(), e);
        }
    }

    private void register(Registration registration) throws DeploymentException {
        registry.add(registration);
        LOG.log(Level.DEBUG, () -> "deployed " + registration.describe() + " at " + registration.template());
    }

    private static ServerEndpointConfig.Configurator newConfigurator(Class<?> endpoint,
            Class<? extends ServerEndpointConfig.Configurator> type) throws DeploymentException {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException("cannot create configurator " + type.getName() + " of " + endpoint.getName()
                    + ": it needs a public no-argument constructor", e);
        }
    }

    private void checkDeploymentOpen() {
        if (!deploymentOpen) {
            throw new IllegalStateException("endpoints can only be added during deployment, before the first "
                    + "WebSocket handshake (spec §6.4)");
        }
    }

    // ---------------------------------------------------------------- handshakes

    /** The endpoint for a path relative to the web application, or null. */
    public EndpointRegistry.Match match(String path) {
        return registry.match(path);
    }

    /** Decides a handshake for a matched endpoint; the first one closes deployment. */
    public HandshakeOutcome handshake(EndpointRegistry.Match match, HandshakeInput input) {
        deploymentOpen = false;
        return processor.process(match.registration(), match.pathParameters(), input);
    }

    /** Decides a handshake for an endpoint configuration that was not deployed (upgradeHttpToWebSocket). */
    public HandshakeOutcome handshake(ServerEndpointConfig config, Map<String, String> pathParameters,
            HandshakeInput input) throws DeploymentException {
        UriTemplate template = new UriTemplate(config.getPath());
        EndpointModel model = Endpoint.class.isAssignableFrom(config.getEndpointClass()) ? null
                : EndpointModel.scan(config.getEndpointClass(), null, config.getDecoders(), config.getEncoders());
        Registration registration = new Registration(config, template, model, new SessionGroup());
        return processor.process(registration, pathParameters, input);
    }

    public void setHttpUpgrader(HttpUpgrader upgrader) {
        this.httpUpgrader = upgrader;
    }

    @Override
    public void upgradeHttpToWebSocket(Object request, Object response, ServerEndpointConfig config,
            Map<String, String> pathParameters) throws IOException, DeploymentException {
        HttpUpgrader upgrader = httpUpgrader;
        if (upgrader == null) {
            throw new DeploymentException("this container has no HTTP upgrade support installed");
        }
        upgrader.upgrade(request, response, config, pathParameters);
    }

    /**
     * Where endpoint callbacks for messages run (key duplex.dispatch): inline on the container's reading thread
     * when the session has nothing else queued (true), or always on Duplex's per-session executor (false). Applies
     * to sessions opened afterwards.
     */
    public void setInlineDispatch(boolean inline) {
        this.inlineDispatch = inline;
    }

    public boolean isInlineDispatch() {
        return inlineDispatch;
    }

    /**
     * What happens when an async send does not fit in a session's outbound budget: false (default) fails that send
     * with an IOException; true closes the slow session with 1008.
     */
    public void setCloseOnOverflow(boolean close) {
        this.closeOnOverflow = close;
    }

    public boolean isCloseOnOverflow() {
        return closeOnOverflow;
    }

    /**
     * The container's origin policy: browser handshakes (those with an {@code Origin} header) are accepted only
     * from these origins, compared case-insensitively (e.g. {@code https://app.example.com}); an empty set accepts
     * every origin. Checked before the endpoint configurator's own {@code checkOrigin}; a refusal is a 403.
     */
    public void setAllowedOrigins(java.util.Set<String> origins) {
        java.util.Set<String> lower = new java.util.HashSet<>();
        origins.forEach(o -> lower.add(o.trim().toLowerCase(java.util.Locale.ROOT)));
        this.allowedOrigins = java.util.Set.copyOf(lower);
    }

    boolean originAllowed(String origin) {
        java.util.Set<String> allowed = allowedOrigins;
        return allowed.isEmpty() || origin == null || allowed.contains(origin.toLowerCase(java.util.Locale.ROOT));
    }

    SessionSettings sessionSettings() {
        return sessionSettings(closeOnOverflow);
    }

    /**
     * The connection settings of new sessions: one instance shared by every connection while the container's
     * settings stay the same (an idle connection should hold little); each connection keeps its own id.
     */
    ConnectionConfig connectionConfig() {
        long outboundLimit = getOutboundLimit();
        boolean inline = inlineDispatch;
        ConnectionConfig shared = sharedConfig;
        if (shared == null || shared.outboundLimit() != outboundLimit || shared.inlineDispatch() != inline) {
            shared = ConnectionConfig.builder().executor(threads.pool()).scheduler(threads.timer())
                    .classLoader(classLoader).outboundLimit(outboundLimit).inlineDispatch(inline).build();
            sharedConfig = shared; // racing rebuilds are equal: either may stay
        }
        return shared;
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Closes every open session with 1001 (going away), waits up to {@code graceMillis} for their {@code onClose}
     * to run, ends the stragglers at once, and stops the container's threads. Called when the application stops.
     */
    public void shutdown(long graceMillis) {
        List<Session> open = openSessions();
        for (Session s : open) {
            try {
                s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "The server is shutting down"));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "closing " + s.getId() + " at shutdown failed: " + e);
            }
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(graceMillis);
        try {
            for (Registration r : registry.all()) {
                r.sessions().awaitEmpty(deadline);
            }
            // Every connection ends now, also those whose onClose ran but whose peer has not answered the close
            // yet: an answer processed after the application stopped could no longer close the socket, and an
            // open upgraded socket keeps the application's class loader reachable. Ending is idempotent.
            for (Session s : open) {
                if (s instanceof dev.duplex.session.WsSession ws) {
                    ws.abort("The server shut down before the close handshake finished");
                }
            }
            threads.shutdown(graceMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shuts down with a two-second grace period. */
    public void shutdown() {
        shutdown(2_000);
    }

    private List<Session> openSessions() {
        List<Session> all = new java.util.ArrayList<>();
        for (Registration r : registry.all()) {
            all.addAll(r.sessions().snapshot());
        }
        return all;
    }

    // ---------------------------------------------------------------- WebSocketContainer









    @Override
    public java.util.Set<Extension> getInstalledExtensions() {
        return java.util.Set.of();
    }

    // ---------------------------------------------------------------- client side, through the client container

    private static WebSocketContainer client() {
        return ContainerProvider.getWebSocketContainer();
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointClass, cec, path);
    }
}
