package dev.duplex.servlet.testing;

import dev.duplex.servlet.DuplexInitializer;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * An embedded Undertow 2.3 on 127.0.0.1 and a free port (this module's test jar, for the container modules' tests
 * and the conformance suite), with one servlet deployment at "/" that gets Duplex from its {@link DuplexInitializer}
 * (Undertow does not discover initializers: it is added to the deployment with the endpoint classes a
 * {@code @HandlesTypes} scan would give it), and the given context init parameters. No Undertow WebSocket
 * implementation ({@code undertow-websockets-jsr}) is on the class path. Whether Duplex takes the servlet upgrade or
 * another path depends on the {@code ConnectionUpgrader}s on the class path, as in a deployed application.
 *
 * <p>Threads: created and closed by the test's thread; Undertow's own threads serve the connections.
 */
public final class UndertowServer implements AutoCloseable {

    private final DeploymentManager manager;
    private final Undertow undertow;
    private final int port;
    private final String scheme;
    private boolean closed;

    public UndertowServer(Map<String, String> parameters, Set<Class<?>> endpoints) throws Exception {
        this(parameters, endpoints, null);
    }

    /** With {@code tls} not null, the listener is HTTPS with that context, and {@link #uri} says {@code wss}. */
    public UndertowServer(Map<String, String> parameters, Set<Class<?>> endpoints, SSLContext tls) throws Exception {
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(UndertowServer.class.getClassLoader())
                .setContextPath("")
                .setDeploymentName("duplex-test")
                .addServletContainerInitializer(new ServletContainerInitializerInfo(DuplexInitializer.class,
                        new ImmediateInstanceFactory<>(new DuplexInitializer()), endpoints));
        parameters.forEach(info::addInitParameter);
        manager = Servlets.newContainer().addDeployment(info);
        manager.deploy();
        Undertow.Builder builder = Undertow.builder().setHandler(manager.start());
        undertow = (tls == null ? builder.addHttpListener(0, "127.0.0.1")
                : builder.addHttpsListener(0, "127.0.0.1", tls)).build();
        scheme = tls == null ? "ws" : "wss";
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    /** Stops Undertow (closing its connections) and undeploys; idempotent. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            undertow.stop();
        } finally {
            manager.stop();
            manager.undeploy();
        }
    }
}
