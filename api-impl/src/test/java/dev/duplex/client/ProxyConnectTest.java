package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reaching a server through an HTTP CONNECT proxy, chosen by user property or by the JVM's ProxySelector. */
class ProxyConnectTest {

    private static TomcatPeer tomcat;
    private final WsClientContainer container = new WsClientContainer();

    @BeforeAll
    static void startTomcat() throws Exception {
        tomcat = new TomcatPeer();
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        tomcat.close();
    }

    @AfterEach
    void stopContainer() {
        container.shutdown();
    }

    @Test
    void tunnelsThroughTheConfiguredProxy() throws Exception {
        try (TunnelProxy proxy = new TunnelProxy(null)) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(ClientProperties.PROXY, proxy.hostPort());
            config.getUserProperties().put(ClientProperties.PROXY_AUTHORIZATION, "Basic dXNlcjpwdw==");
            ClientProbe probe = new ClientProbe();
            Session session = container.connectToServer(probe, config, tomcat.uri("/echo"));
            session.getBasicRemote().sendText("through the tunnel");
            assertEquals("through the tunnel", probe.nextText());
            String request = proxy.requests.poll(5, TimeUnit.SECONDS);
            String target = "127.0.0.1:" + tomcat.port();
            assertTrue(request.startsWith("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n"), request);
            assertTrue(request.contains("\r\nProxy-Authorization: Basic dXNlcjpwdw==\r\n"), request);
            session.close();
            probe.awaitClose();
        }
    }

    @Test
    void usesTheJvmProxySelector() throws Exception {
        ProxySelector previous = ProxySelector.getDefault();
        try (TunnelProxy proxy = new TunnelProxy(null)) {
            String[] hostPort = proxy.hostPort().split(":");
            ProxySelector.setDefault(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return List.of(new Proxy(Proxy.Type.HTTP,
                            InetSocketAddress.createUnresolved(hostPort[0], Integer.parseInt(hostPort[1]))));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                }
            });
            Session session = container.connectToServer(new ClientProbe(), ClientEndpointConfig.Builder.create()
                    .build(), tomcat.uri("/echo"));
            assertTrue(proxy.requests.poll(5, TimeUnit.SECONDS).startsWith("CONNECT 127.0.0.1:" + tomcat.port()));
            session.close();
        } finally {
            ProxySelector.setDefault(previous);
        }
    }

    @Test
    void proxyRefusalNamesTheProxyAndStatus() throws Exception {
        try (TunnelProxy proxy = new TunnelProxy("407 Proxy Authentication Required")) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(ClientProperties.PROXY, proxy.hostPort());
            URI uri = tomcat.uri("/echo");
            IOException e = assertThrows(IOException.class, () -> container.connectToServer(new ClientProbe(),
                    config, uri));
            assertTrue(e.getMessage().contains("cannot connect to " + uri + ": proxy " + proxy.hostPort()
                    + " refused to open a tunnel to 127.0.0.1:" + tomcat.port()
                    + ": HTTP 407 Proxy Authentication Required"), e.getMessage());
            assertTrue(e.getMessage().contains(ClientProperties.PROXY_AUTHORIZATION), e.getMessage());
        }
    }

    @Test
    void badProxyPropertyIsAConfigurationError() {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(ClientProperties.PROXY, "no-port-here");
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> container.connectToServer(new ClientProbe(), config, tomcat.uri("/echo")));
        assertTrue(e.getMessage().contains("duplex.proxy must be host:port"), e.getMessage());
    }
}
