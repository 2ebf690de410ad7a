package dev.duplex.handshake;

/**
 * Names of the HTTP header fields used by the WebSocket opening handshake (RFC 6455 §4 and §11.3) and the
 * one protocol version this implementation speaks. Constants only; thread-safe.
 */
public final class HandshakeHeaders {

    /** {@code Host}, RFC 9110 §7.2. */
    public static final String HOST = "Host";
    /** {@code Upgrade}, RFC 9110 §7.8. */
    public static final String UPGRADE = "Upgrade";
    /** {@code Connection}, RFC 9110 §7.6.1. */
    public static final String CONNECTION = "Connection";
    /** {@code Origin}, RFC 6455 §10.2. */
    public static final String ORIGIN = "Origin";
    /** RFC 6455 §11.3.1. */
    public static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";
    /** RFC 6455 §11.3.3. */
    public static final String SEC_WEBSOCKET_ACCEPT = "Sec-WebSocket-Accept";
    /** RFC 6455 §11.3.5. */
    public static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";
    /** RFC 6455 §11.3.4. */
    public static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    /** RFC 6455 §11.3.2. */
    public static final String SEC_WEBSOCKET_EXTENSIONS = "Sec-WebSocket-Extensions";

    /**
     * The only protocol version we speak (RFC 6455 §4.1 item 9). A 426 response to an unsupported version
     * carries {@code Sec-WebSocket-Version: 13} (RFC 6455 §4.4).
     */
    public static final String SUPPORTED_VERSION = "13";

    private HandshakeHeaders() {
    }
}
