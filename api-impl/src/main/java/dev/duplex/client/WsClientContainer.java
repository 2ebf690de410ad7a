package dev.duplex.client;

import dev.duplex.pojo.PojoEndpoint;
import dev.duplex.session.SessionGroup;
import dev.duplex.session.CdiInstances;
import dev.duplex.session.ContainerDefaults;
import dev.duplex.session.SessionSettings;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Duplex's client {@link WebSocketContainer}: {@code connectToServer} in its four forms, the container-wide session
 * defaults, and the threads its sessions share. {@code ContainerProvider.getWebSocketContainer()} returns a new one
 * (through {@link WsContainerProvider}); a program may also create one directly.
 *
 * <p>Threads: a small shared set per container, created at the first connect, all daemons (see
 * {@link ClientThreads}): a few NIO selector threads carry every session's socket, TLS included (an
 * {@code SSLEngine} over the non-blocking channel, no blocking sockets, no thread per connection); application
 * callbacks run on a shared pool with one callback at a time per session, exactly as on the server. A JVM exits
 * when only these threads remain; {@link #shutdown()} closes the sessions and stops the threads.
 *
 * <p>Blocking: {@code connectToServer} blocks the calling thread until the handshake is done and the endpoint's
 * {@code onOpen} has returned, or until the connect timeout ({@link ClientProperties#CONNECT_TIMEOUT_MILLIS},
 * default 5 s). A network or protocol failure throws an {@link IOException} naming the URI and the cause (a
 * {@link HandshakeFailedException} when the server answered with something else than an acceptable 101); an
 * invalid endpoint or configuration throws a {@link DeploymentException}. Everything else may be called from any
 * thread.
 */
public final class WsClientContainer extends ContainerDefaults implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WsClientContainer.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String name = "duplex-client-" + IDS.incrementAndGet();
    private final ClientConnector connector = new ClientConnector(this);
    private final Map<Class<?>, AnnotatedClient> annotated = new ConcurrentHashMap<>();
    private final Map<Class<?>, SessionGroup> groups = new ConcurrentHashMap<>();
    private final Map<Session, TrackingEndpoint> live = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private ClientThreads threads;
    private boolean shutDown;
    private volatile long defaultConnectTimeout = ClientProperties.DEFAULT_CONNECT_TIMEOUT_MILLIS;

    /** A container with default settings; it starts no thread until its first connect. */
    public WsClientContainer() {
    }

    // ---------------------------------------------------------------- connectToServer

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        if (annotatedEndpointInstance instanceof Endpoint endpoint) {
            return connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), path);
        }
        if (annotatedEndpointInstance == null) {
            throw new DeploymentException("cannot connect to " + path + ": the endpoint instance is null");
        }
        Class<?> type = annotatedEndpointInstance.getClass();
        AnnotatedClient client = annotated(type);
        return connector.connect(new PojoEndpoint(annotatedEndpointInstance, client.model()), client.config(), path,
                group(type));
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        if (annotatedEndpointClass != null && Endpoint.class.isAssignableFrom(annotatedEndpointClass)) {
            return connectToServer(newInstance(annotatedEndpointClass, path), path);
        }
        if (annotatedEndpointClass == null) {
            throw new DeploymentException("cannot connect to " + path + ": the endpoint class is null");
        }
        annotated(annotatedEndpointClass);   // validate before creating an instance
        return connectToServer(newInstance(annotatedEndpointClass, path), path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        if (endpointInstance == null) {
            throw new DeploymentException("cannot connect to " + path + ": the endpoint instance is null");
        }
        ClientEndpointConfig config = cec != null ? cec : ClientEndpointConfig.Builder.create().build();
        return connector.connect(endpointInstance, config, path, group(endpointInstance.getClass()));
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        if (endpointClass == null) {
            throw new DeploymentException("cannot connect to " + path + ": the endpoint class is null");
        }
        return connectToServer((Endpoint) newInstance(endpointClass, path), cec, path);
    }

    private AnnotatedClient annotated(Class<?> type) throws DeploymentException {
        AnnotatedClient client = annotated.get(type);
        if (client == null) {
            client = AnnotatedClient.scan(type);
            AnnotatedClient raced = annotated.putIfAbsent(type, client);
            client = raced != null ? raced : client;
        }
        return client;
    }

    /** An endpoint instance: from CDI when a CDI container runs (injection works), else the no-argument constructor. */
    private static Object newInstance(Class<?> type, URI path) throws DeploymentException {
        try {
            Object managed = CdiInstances.create(type);
            return managed != null ? managed : type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("cannot connect " + type.getName() + " to " + path + ": cannot create an"
                    + " instance (it needs a public no-argument constructor): " + e, e);
        }
    }

    private SessionGroup group(Class<?> endpointType) {
        return groups.computeIfAbsent(endpointType, k -> new SessionGroup());
    }

    // ---------------------------------------------------------------- what the connector uses

    /** Names the container's threads: {@code duplex-client-N}. */
    String name() {
        return name;
    }

    /** The shared threads, created at the first call. */
    ClientThreads threads() {
        synchronized (lifecycle) {
            if (shutDown) {
                throw new IllegalStateException("client container " + name + " was shut down");
            }
            if (threads == null) {
                threads = new ClientThreads(name, ClientThreads.defaultIoThreads());
            }
            return threads;
        }
    }

    SessionSettings sessionSettings() {
        return sessionSettings(false);
    }

    /** A session is about to start. */
    void opening(Session session, TrackingEndpoint endpoint) {
        live.put(session, endpoint);
    }

    /** A session's onClose has run. */
    void closed(Session session) {
        live.remove(session);
        synchronized (lifecycle) {
            lifecycle.notifyAll();
        }
    }

    // ---------------------------------------------------------------- settings beyond the Jakarta API

    /** The connect timeout for endpoints whose configuration does not set {@link ClientProperties#CONNECT_TIMEOUT_MILLIS}. */
    public long getDefaultConnectTimeout() {
        return defaultConnectTimeout;
    }

    public void setDefaultConnectTimeout(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("the connect timeout must be positive, was " + millis);
        }
        this.defaultConnectTimeout = millis;
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Closes every open session with 1001 (going away), waits up to {@code graceMillis} for their close handshakes,
     * then stops the threads (which closes whatever is left: those sessions see 1006). Later connects fail with an
     * {@link IllegalStateException}. Idempotent; blocks for at most about twice {@code graceMillis}. Call it from
     * an application thread: called from an endpoint callback, it waits out the grace period for that very session.
     */
    public void shutdown(long graceMillis) {
        ClientThreads stopping;
        synchronized (lifecycle) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            stopping = threads;
        }
        for (Session session : new ArrayList<>(live.keySet())) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "The client is shutting down"));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "closing session " + session.getId() + " at shutdown failed: " + e);
            }
        }
        try {
            awaitSessionsClosed(graceMillis);
            IOException gone = new IOException("client container " + name + " was shut down");
            live.values().forEach(endpoint -> endpoint.abandon(gone));
            if (stopping != null) {
                stopping.shutdown(graceMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shuts down with a two-second grace period. */
    public void shutdown() {
        shutdown(2_000);
    }

    /** The same as {@link #shutdown()}, for try-with-resources. */
    @Override
    public void close() {
        shutdown();
    }

    private void awaitSessionsClosed(long graceMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        synchronized (lifecycle) {
            for (long left = graceMillis; !live.isEmpty() && left > 0;
                    left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                lifecycle.wait(left);
            }
        }
    }

    /** The sessions of this container whose {@code onClose} has not run yet. */
    public Set<Session> getOpenSessions() {
        return Set.copyOf(live.keySet());
    }

    // ---------------------------------------------------------------- WebSocketContainer defaults









    /** None yet: permessage-deflate has no client implementation so far. */
    @Override
    public Set<Extension> getInstalledExtensions() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "WsClientContainer[" + name + ", " + live.size() + " open sessions]";
    }
}
