package dev.duplex.client;

import dev.duplex.coder.CoderSpecs;
import dev.duplex.core.Connection;
import dev.duplex.core.ConnectionConfig;
import dev.duplex.handshake.UpgradeResponseCheck;
import dev.duplex.pojo.PojoEndpoint;
import dev.duplex.session.SessionContext;
import dev.duplex.session.SessionGroup;
import dev.duplex.session.UserProperties;
import dev.duplex.session.WsSession;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Connects one client endpoint: reads the configuration (timeout, proxy, TLS), runs {@code beforeRequest}, the
 * {@link ConnectAttempt}, {@code afterResponse} and the response check, then opens a {@link WsSession} over the
 * socket exactly as the server side does: the same session, connection core and dispatcher.
 *
 * <p>Threads: the thread that called {@code connectToServer}, which blocks here until the session is open (its
 * {@code onOpen} has returned) or the connect failed, bounded by the connect timeout for the network part.
 */
final class ClientConnector {

    private final WsClientContainer container;

    ClientConnector(WsClientContainer container) {
        this.container = container;
    }

    Session connect(Endpoint endpoint, ClientEndpointConfig config, URI uri, SessionGroup group)
            throws DeploymentException, IOException {
        ConnectTarget target = ConnectTarget.of(uri);
        CoderSpecs.encoders(config.getEncoders());   // invalid coders fail here, as at a server deployment
        CoderSpecs.decoders(config.getDecoders());
        Map<String, Object> properties = config.getUserProperties();
        long timeout = ClientProperties.millis(properties, ClientProperties.CONNECT_TIMEOUT_MILLIS,
                container.getDefaultConnectTimeout());
        ProxyRoute proxy = ProxyRoute.select(target, properties);
        SSLEngine engine = null;
        if (target.secure()) {
            boolean verify = ClientProperties.flag(properties, ClientProperties.TLS_HOSTNAME_VERIFICATION, true);
            engine = TlsHandshake.clientEngine(sslContext(config, target), target, verify);
        }
        ClientHandshake handshake = ClientHandshake.prepare(target, config);
        InetSocketAddress address = resolve(target, proxy);
        ClientThreads threads = container.threads();
        ConnectAttempt attempt = new ConnectAttempt(threads, target, proxy, engine, handshake.requestBytes(),
                proxy == null ? null : proxy.connectRequest(target));
        ConnectAttempt.Response response = attempt.run(address, timeout);
        try {
            afterResponse(config, target, response.headers());
            UpgradeResponseCheck check = handshake.check(response.status(), response.reason(), response.headers());
            return open(endpoint, config, target, check, response.transport(), group, threads);
        } catch (IOException | DeploymentException | RuntimeException | Error e) {
            response.transport().abort();
            throw e;
        }
    }

    private static SSLContext sslContext(ClientEndpointConfig config, ConnectTarget target)
            throws DeploymentException {
        if (config.getSSLContext() != null) {
            return config.getSSLContext();
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new DeploymentException("cannot connect to " + target.uri() + ": the JVM has no default"
                    + " SSLContext; set one with ClientEndpointConfig.Builder.sslContext", e);
        }
    }

    /** Resolves the host to connect to (the proxy's when there is one) on this thread: DNS may block. */
    private static InetSocketAddress resolve(ConnectTarget target, ProxyRoute proxy) throws UnknownHostException {
        String host = proxy == null ? target.host() : proxy.address().getHostString();
        int port = proxy == null ? target.port() : proxy.address().getPort();
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException("cannot connect to " + target.uri() + ": unknown host '" + host + "'"
                    + (proxy == null ? "" : " (the proxy)"));
        }
        return address;
    }

    /** Spec: afterResponse sees every response received, also one that fails the handshake (as 2.3 clarifies). */
    private static void afterResponse(ClientEndpointConfig config, ConnectTarget target,
            Map<String, List<String>> headers) throws DeploymentException {
        try {
            config.getConfigurator().afterResponse(new ClientHandshakeResponse(headers));
        } catch (RuntimeException e) {
            throw new DeploymentException("cannot connect to " + target.uri() + ": the configurator's afterResponse"
                    + " failed: " + e, e);
        }
    }

    private Session open(Endpoint endpoint, ClientEndpointConfig config, ConnectTarget target,
            UpgradeResponseCheck check, SocketTransport transport, SessionGroup group, ClientThreads threads)
            throws IOException {
        String subprotocol = check.subprotocol() == null ? "" : check.subprotocol();
        SessionContext context = new SessionContext(target.uri().toString(), target.parameters(), Map.of(), null,
                subprotocol, List.of(), UserProperties.copyOf(config.getUserProperties()));
        TrackingEndpoint tracked = new TrackingEndpoint(endpoint, container::closed);
        WsSession session = new WsSession(container, tracked, config, context, group, container.sessionSettings());
        ConnectionConfig connectionConfig = ConnectionConfig.builder()
                .client(MaskKeys.shared())
                .id(session.getId())
                .executor(threads.pool())
                .scheduler(threads.timer())
                .classLoader(Thread.currentThread().getContextClassLoader())
                .outboundLimit(container.getOutboundLimit())
                .build();
        Connection connection = new Connection(transport, connectionConfig, session);
        session.bind(connection);
        if (endpoint instanceof PojoEndpoint pojo) {
            pojo.applyLimits(session);
        }
        container.opening(session, tracked);
        connection.start();
        tracked.awaitOpen();
        return session;
    }
}
