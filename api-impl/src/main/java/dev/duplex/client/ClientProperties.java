package dev.duplex.client;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import java.util.Map;

/**
 * The user properties a client endpoint can set on its {@link ClientEndpointConfig} to tune how Duplex connects,
 * e.g. {@code config.getUserProperties().put(ClientProperties.CONNECT_TIMEOUT_MILLIS, 5000)}. Every key is also
 * listed in the configuration reference (docs/configuration.md). A value may be a {@link Number}, a
 * {@link Boolean} where it is a switch, or a {@link String}; a bad value fails the connect with a
 * {@link DeploymentException} naming the key.
 *
 * <p>Constants and static helpers only; any thread.
 */
public final class ClientProperties {

    /**
     * The time allowed for the whole opening handshake: TCP connect, proxy tunnel, TLS handshake and the HTTP
     * upgrade, in milliseconds (default {@value #DEFAULT_CONNECT_TIMEOUT_MILLIS}, or the container's
     * {@link WsClientContainer#setDefaultConnectTimeout}). On expiry the connect fails with a
     * {@link java.net.SocketTimeoutException} naming the URI and the step it was waiting for.
     */
    public static final String CONNECT_TIMEOUT_MILLIS = "duplex.connectTimeoutMillis";

    /**
     * An HTTP proxy to tunnel through with {@code CONNECT}: {@code "host:port"} (an IPv6 literal in brackets), or
     * {@code "none"} to connect directly. Without it, the JVM's {@link java.net.ProxySelector} decides (for the
     * {@code http://} form of a {@code ws://} URI, {@code https://} for {@code wss://}); only HTTP proxies are used.
     */
    public static final String PROXY = "duplex.proxy";

    /** The value of a {@code Proxy-Authorization} header sent with {@code CONNECT}, e.g. {@code "Basic dXNlcjpwdw=="}. */
    public static final String PROXY_AUTHORIZATION = "duplex.proxyAuthorization";

    /**
     * Whether {@code wss://} checks that the server's certificate names the host of the URI (SSLParameters endpoint
     * identification "HTTPS"). Default {@code true}; turn it off only for tests against a server you control.
     */
    public static final String TLS_HOSTNAME_VERIFICATION = "duplex.tlsHostnameVerification";

    /** The default of {@link #CONNECT_TIMEOUT_MILLIS}. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;

    private ClientProperties() {
    }

    /** A positive number of milliseconds from {@code key}, or {@code fallback} when unset. */
    static long millis(Map<String, Object> properties, String key, long fallback) throws DeploymentException {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        long millis;
        try {
            millis = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new DeploymentException("user property " + key + " must be a number of milliseconds, not '"
                    + value + "'");
        }
        if (millis <= 0) {
            throw new DeploymentException("user property " + key + " must be positive, was " + millis);
        }
        return millis;
    }

    /** A switch from {@code key}, or {@code fallback} when unset. */
    static boolean flag(Map<String, Object> properties, String key, boolean fallback) throws DeploymentException {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new DeploymentException("user property " + key + " must be true or false, not '" + value + "'");
    }

    /** A string from {@code key}, or null when unset. */
    static String text(Map<String, Object> properties, String key) {
        Object value = properties.get(key);
        return value == null ? null : value.toString().trim();
    }
}
