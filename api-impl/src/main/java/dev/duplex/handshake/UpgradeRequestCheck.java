package dev.duplex.handshake;

import static dev.duplex.handshake.HandshakeHeaders.CONNECTION;
import static dev.duplex.handshake.HandshakeHeaders.HOST;
import static dev.duplex.handshake.HandshakeHeaders.SEC_WEBSOCKET_EXTENSIONS;
import static dev.duplex.handshake.HandshakeHeaders.SEC_WEBSOCKET_KEY;
import static dev.duplex.handshake.HandshakeHeaders.SEC_WEBSOCKET_PROTOCOL;
import static dev.duplex.handshake.HandshakeHeaders.SEC_WEBSOCKET_VERSION;
import static dev.duplex.handshake.HandshakeHeaders.SUPPORTED_VERSION;
import static dev.duplex.handshake.HandshakeHeaders.UPGRADE;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of checking a client's opening handshake, RFC 6455 §4.2.1.
 *
 * <p>First {@link #isUpgradeAttempt()} tells whether the request asks for a WebSocket upgrade at all (a filter
 * passes every other request through untouched); then {@link #isValid()} tells whether the attempt follows
 * RFC 6455 §4.2.1. Checks run in this order and the first failure is reported: version (426), Host, Connection,
 * Sec-WebSocket-Key, Sec-WebSocket-Protocol, Sec-WebSocket-Extensions (400).
 *
 * <p>Immutable and thread-safe. {@link #check(String, HeaderLookup)} runs synchronously on the caller's thread
 * and blocks on nothing but the {@link HeaderLookup}.
 */
public final class UpgradeRequestCheck {

    private static final int BAD_REQUEST = 400;
    private static final int UPGRADE_REQUIRED = 426;

    private final boolean upgradeAttempt;
    private final int failureStatus;
    private final String failureReason;
    private final String key;
    private final List<String> subprotocols;
    private final List<ExtensionOffer> extensions;

    private UpgradeRequestCheck(boolean upgradeAttempt, int failureStatus, String failureReason, String key,
            List<String> subprotocols, List<ExtensionOffer> extensions) {
        this.upgradeAttempt = upgradeAttempt;
        this.failureStatus = failureStatus;
        this.failureReason = failureReason;
        this.key = key;
        this.subprotocols = subprotocols;
        this.extensions = extensions;
    }

    /**
     * Checks a request.
     *
     * @param method the HTTP method, compared case-sensitively (RFC 9110 §9.1)
     * @param headers the request headers
     */
    public static UpgradeRequestCheck check(String method, HeaderLookup headers) {
        Objects.requireNonNull(headers, "headers");
        List<String> upgrade = headers.values(UPGRADE);
        // RFC 6455 §4.2.1 items 1 and 3: a GET whose Upgrade header names "websocket"
        if (!"GET".equals(method) || !HeaderTokens.contains(upgrade, "websocket")) {
            return failure(false, BAD_REQUEST, notAttemptReason(method, upgrade));
        }
        // RFC 6455 §4.4: an unsupported version is answered 426 with Sec-WebSocket-Version: 13
        String problem = versionProblem(headers.values(SEC_WEBSOCKET_VERSION));
        if (problem != null) {
            return failure(true, UPGRADE_REQUIRED, problem);
        }
        problem = hostProblem(headers.values(HOST));
        if (problem == null) {
            problem = connectionProblem(headers.values(CONNECTION));
        }
        List<String> keys = headers.values(SEC_WEBSOCKET_KEY);
        if (problem == null) {
            problem = keyProblem(keys);
        }
        List<String> protocols = HeaderTokens.split(headers.values(SEC_WEBSOCKET_PROTOCOL));
        if (problem == null) {
            problem = subprotocolProblem(protocols);
        }
        if (problem != null) {
            return failure(true, BAD_REQUEST, problem);
        }
        List<ExtensionOffer> offers;
        try {
            offers = ExtensionOffer.parse(headers.values(SEC_WEBSOCKET_EXTENSIONS)); // RFC 6455 §4.2.1 item 9
        } catch (IllegalArgumentException e) {
            return failure(true, BAD_REQUEST, e.getMessage());
        }
        return new UpgradeRequestCheck(true, 0, null, keys.get(0).trim(), protocols, offers);
    }

    /**
     * True when the request asks for a WebSocket upgrade at all: method GET and an Upgrade header containing
     * the token {@code websocket}, case-insensitively. A filter passes every other request through untouched.
     */
    public boolean isUpgradeAttempt() {
        return upgradeAttempt;
    }

    /**
     * True when the request is an upgrade attempt that follows RFC 6455 §4.2.1: Connection contains the token
     * {@code Upgrade}; Sec-WebSocket-Version is exactly {@code 13}; Sec-WebSocket-Key is present once and is the
     * base64 of exactly 16 bytes; Host is present once; Sec-WebSocket-Protocol holds unique tokens;
     * Sec-WebSocket-Extensions parses.
     */
    public boolean isValid() {
        return failureStatus == 0;
    }

    /**
     * When not valid: 426 for a missing or other Sec-WebSocket-Version (the response must then carry
     * {@code Sec-WebSocket-Version: 13}, see {@link HandshakeHeaders#SUPPORTED_VERSION}), else 400 (also for a
     * request that is no upgrade attempt). 0 when valid.
     */
    public int failureStatus() {
        return failureStatus;
    }

    /** When not valid: a plain-English reason naming the header and the value received. Null when valid. */
    public String failureReason() {
        return failureReason;
    }

    /** The Sec-WebSocket-Key, trimmed, when valid; null otherwise. */
    public String key() {
        return key;
    }

    /** Sec-WebSocket-Protocol tokens in offer order; unmodifiable, empty when none were offered or not valid. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** The parsed Sec-WebSocket-Extensions in order; unmodifiable, empty when none were offered or not valid. */
    public List<ExtensionOffer> extensions() {
        return extensions;
    }

    @Override
    public String toString() {
        return isValid() ? "valid WebSocket upgrade request" : "HTTP " + failureStatus + ": " + failureReason;
    }

    private static UpgradeRequestCheck failure(boolean attempt, int status, String reason) {
        return new UpgradeRequestCheck(attempt, status, reason, null, List.of(), List.of());
    }

    private static String notAttemptReason(String method, List<String> upgrade) {
        if (!"GET".equals(method)) {
            return "the request method is " + method + ", but a WebSocket upgrade must use GET (RFC 6455 §4.2.1 item 1)";
        }
        if (upgrade.isEmpty()) {
            return "the request has no Upgrade header, so it asks for no WebSocket upgrade (RFC 6455 §4.2.1 item 3)";
        }
        return "Upgrade '" + HeaderTokens.show(upgrade) + "' does not contain the token 'websocket'"
                + " (RFC 6455 §4.2.1 item 3)";
    }

    private static String versionProblem(List<String> values) {
        if (values.isEmpty()) {
            return "the Sec-WebSocket-Version header is missing; this server speaks version "
                    + SUPPORTED_VERSION + " (RFC 6455 §4.2.1 item 6)";
        }
        List<String> versions = HeaderTokens.split(values);
        if (versions.size() != 1 || !versions.get(0).equals(SUPPORTED_VERSION)) {
            return "Sec-WebSocket-Version '" + HeaderTokens.show(values) + "' is not supported; this server speaks"
                    + " version " + SUPPORTED_VERSION + " only (RFC 6455 §4.2.1 item 6, §4.4)";
        }
        return null;
    }

    private static String hostProblem(List<String> values) {
        if (values.isEmpty()) {
            return "the Host header is missing (RFC 6455 §4.2.1 item 2)";
        }
        if (values.size() > 1) { // RFC 9112 §3.2: more than one Host is answered 400
            return "the Host header appears " + values.size() + " times ('" + HeaderTokens.show(values)
                    + "'), it must appear once (RFC 9112 §3.2)";
        }
        return null;
    }

    private static String connectionProblem(List<String> values) {
        if (values.isEmpty()) {
            return "the Connection header is missing; it must contain the token 'Upgrade' (RFC 6455 §4.2.1 item 4)";
        }
        if (!HeaderTokens.contains(values, "Upgrade")) {
            return "Connection '" + HeaderTokens.show(values) + "' does not contain the token 'Upgrade'"
                    + " (RFC 6455 §4.2.1 item 4)";
        }
        return null;
    }

    private static String keyProblem(List<String> values) {
        if (values.isEmpty()) {
            return "the Sec-WebSocket-Key header is missing (RFC 6455 §4.2.1 item 5)";
        }
        if (values.size() > 1) {
            return "the Sec-WebSocket-Key header appears " + values.size() + " times ('"
                    + HeaderTokens.show(values) + "'), it must appear once (RFC 6455 §11.3.1)";
        }
        return AcceptKey.keyProblem(values.get(0).trim());
    }

    /** RFC 6455 §4.1 item 10: the offered subprotocols are unique tokens. */
    private static String subprotocolProblem(List<String> protocols) {
        Set<String> seen = new HashSet<>();
        for (String protocol : protocols) {
            if (!HeaderTokens.isToken(protocol)) {
                return "Sec-WebSocket-Protocol element '" + HeaderTokens.show(protocol) + "' is not a token"
                        + " (RFC 6455 §4.1 item 10)";
            }
            if (!seen.add(protocol)) {
                return "Sec-WebSocket-Protocol offers '" + HeaderTokens.show(protocol) + "' twice; offers must be"
                        + " unique (RFC 6455 §4.1 item 10)";
            }
        }
        return null;
    }
}
