package dev.duplex.jetty;

import dev.duplex.servlet.DuplexInitializer;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.NetworkTrafficListener;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkTrafficServerConnector;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An embedded Jetty 12 on 127.0.0.1, port 0, with one {@code ServletContextHandler} at "/" that runs Duplex's
 * {@link DuplexInitializer} on the given endpoint classes and serves {@code GET /hello} with a plain servlet.
 * The servlet layer is EE 10 or EE 11 (system property {@code duplex.jetty.ee}, set by the surefire executions),
 * reached by reflection so that one test source serves both. Counts the bytes the server reads from its sockets.
 */
final class JettyServer implements AutoCloseable {

    static final String EE = System.getProperty("duplex.jetty.ee", "ee10");

    private final Server server;
    private final NetworkTrafficServerConnector connector;
    private final AtomicLong bytesIn = new AtomicLong();

    private JettyServer(Path keyStore, String password, Class<?>... endpoints) throws Exception {
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        HttpConnectionFactory http = new HttpConnectionFactory(config);
        if (keyStore == null) {
            connector = new NetworkTrafficServerConnector(server, http);
        } else {
            config.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(keyStore.toString());
            tls.setKeyStorePassword(password);
            tls.setKeyStoreType("PKCS12");
            connector = new NetworkTrafficServerConnector(server, http, tls);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setNetworkTrafficListener(new NetworkTrafficListener() {
            @Override
            public void incoming(Socket socket, ByteBuffer bytes) {
                bytesIn.addAndGet(bytes.remaining());
            }
        });
        server.addConnector(connector);
        server.setHandler(servletContext(endpoints));
        server.start();
    }

    static JettyServer start(Class<?>... endpoints) throws Exception {
        return new JettyServer(null, null, endpoints);
    }

    static JettyServer startTls(Path keyStore, String password, Class<?>... endpoints) throws Exception {
        return new JettyServer(keyStore, password, endpoints);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Bytes the server has read from all its sockets so far, as they came off the wire. */
    long bytesIn() {
        return bytesIn.get();
    }

    /** The Jetty version, EE level and the jar that jetty-io came from (to see which Jetty the tests ran on). */
    String version() {
        java.security.CodeSource io = org.eclipse.jetty.io.EndPoint.class.getProtectionDomain().getCodeSource();
        return Server.getVersion() + " " + EE + " (jetty-io from " + (io == null ? "?" : io.getLocation()) + ")";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static Handler servletContext(Class<?>[] endpoints) throws ReflectiveOperationException {
        Class<?> type = Class.forName("org.eclipse.jetty." + EE + ".servlet.ServletContextHandler");
        Object context = type.getConstructor(String.class).newInstance("/");
        type.getMethod("addServletContainerInitializer", ServletContainerInitializer.class, Class[].class)
                .invoke(context, new DuplexInitializer(), endpoints);
        type.getMethod("addServlet", HttpServlet.class, String.class).invoke(context, new Hello(), "/hello");
        return (Handler) context;
    }

    /** A plain servlet: requests that are no WebSocket handshake pass through Duplex's filter untouched. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("hello");
        }
    }
}
