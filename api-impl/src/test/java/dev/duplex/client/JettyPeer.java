package dev.duplex.client;

import java.net.URI;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.ContainerDefaultConfigurator;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Embedded Jetty 12 (ee10) with Jetty's own Jakarta WebSocket implementation serving {@link PeerDeployment}'s
 * endpoints on 127.0.0.1, a port chosen by the OS; optionally a TLS connector too.
 */
final class JettyPeer implements Peer {

    private final Server server = new Server();
    private final ServerConnector plain;
    private final ServerConnector tls;

    /** Plain only. */
    JettyPeer() throws Exception {
        this(null, null);
    }

    /** Plain, and TLS with the PKCS#12 key store at {@code keyStore} when not null. */
    JettyPeer(Path keyStore, String password) throws Exception {
        plain = new ServerConnector(server);
        plain.setHost("127.0.0.1");
        plain.setPort(0);
        server.addConnector(plain);
        if (keyStore != null) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(keyStore.toString());
            ssl.setKeyStorePassword(password);
            ssl.setKeyStoreType("PKCS12");
            HttpConfiguration https = new HttpConfiguration();
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);   // let a request by IP reach the client's own host-name check
            https.addCustomizer(secure);
            tls = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(https));
            tls.setHost("127.0.0.1");
            tls.setPort(0);
            server.addConnector(tls);
        } else {
            tls = null;
        }
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        server.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> PeerDeployment.deploy(container, ContainerDefaultConfigurator::new));
        server.start();
    }

    @Override
    public String name() {
        return "Jetty";
    }

    @Override
    public URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + plain.getLocalPort() + pathAndQuery);
    }

    /** {@code wss://host:tlsPort} + {@code pathAndQuery}. */
    URI secureUri(String host, String pathAndQuery) {
        return URI.create("wss://" + host + ":" + tls.getLocalPort() + pathAndQuery);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
