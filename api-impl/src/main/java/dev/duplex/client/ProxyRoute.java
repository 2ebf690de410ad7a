package dev.duplex.client;

import jakarta.websocket.DeploymentException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An HTTP proxy that tunnels the connection with {@code CONNECT} (RFC 9110 §9.3.6), chosen from the
 * {@link ClientProperties#PROXY} user property, else from the JVM's {@link ProxySelector}. SOCKS proxies are not
 * supported: a SOCKS choice of the selector is skipped (logged at DEBUG) and the connection goes direct.
 *
 * @param address the proxy, unresolved as configured
 * @param authorization a {@code Proxy-Authorization} value to send, or null
 */
record ProxyRoute(InetSocketAddress address, String authorization) {

    private static final System.Logger LOG = System.getLogger(ProxyRoute.class.getName());

    /** The proxy for {@code target}, or null to connect directly. */
    static ProxyRoute select(ConnectTarget target, Map<String, Object> properties) throws DeploymentException {
        String authorization = ClientProperties.text(properties, ClientProperties.PROXY_AUTHORIZATION);
        String configured = ClientProperties.text(properties, ClientProperties.PROXY);
        if (configured != null) {
            if (configured.isEmpty() || configured.equalsIgnoreCase("none") || configured.equalsIgnoreCase("direct")) {
                return null;
            }
            return new ProxyRoute(parse(configured), authorization);
        }
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return null;
        }
        List<Proxy> proxies;
        try {
            // ProxySelector knows http/https, not ws/wss: ask for the same host and port over HTTP.
            proxies = selector.select(new URI(target.secure() ? "https" : "http", null, target.host(), target.port(),
                    "/", null, null));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        for (Proxy proxy : proxies) {
            SocketAddress address = proxy.address();
            if (proxy.type() == Proxy.Type.HTTP && address instanceof InetSocketAddress inet) {
                return new ProxyRoute(inet, authorization);
            }
            if (proxy.type() == Proxy.Type.SOCKS) {
                LOG.log(Level.DEBUG, () -> "ignoring SOCKS proxy " + address + " for " + target.uri()
                        + ": only HTTP CONNECT proxies are supported");
            }
            if (proxy.type() == Proxy.Type.DIRECT) {
                return null;
            }
        }
        return null;
    }

    /** {@code host:port}, the host possibly an IPv6 literal in brackets. */
    static InetSocketAddress parse(String hostPort) throws DeploymentException {
        int colon = hostPort.lastIndexOf(':');
        String host = colon > 0 ? hostPort.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            port = -1;
        }
        if (host.isEmpty() || port <= 0 || port > 65535) {
            throw new DeploymentException("user property " + ClientProperties.PROXY + " must be host:port (or none),"
                    + " not '" + hostPort + "'");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** {@code host:port} of the proxy for messages. */
    String describe() {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** The CONNECT request for {@code target} (RFC 9110 §9.3.6: the request target is host:port). */
    ByteBuffer connectRequest(ConnectTarget target) throws DeploymentException {
        StringBuilder sb = new StringBuilder(128);
        sb.append("CONNECT ").append(target.authority()).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(target.authority()).append("\r\n");
        if (authorization != null) {
            String problem = HeaderText.problem("Proxy-Authorization", authorization);
            if (problem != null) {
                throw new DeploymentException("user property " + ClientProperties.PROXY_AUTHORIZATION + ": " + problem);
            }
            sb.append("Proxy-Authorization: ").append(authorization).append("\r\n");
        }
        sb.append("\r\n");
        return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
