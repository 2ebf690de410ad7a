package dev.duplex.handshake;

import static dev.duplex.handshake.HandshakeHeaders.CONNECTION;
import static dev.duplex.handshake.HandshakeHeaders.SEC_WEBSOCKET_ACCEPT;
import static dev.duplex.handshake.HandshakeHeaders.SEC_WEBSOCKET_EXTENSIONS;
import static dev.duplex.handshake.HandshakeHeaders.SEC_WEBSOCKET_PROTOCOL;
import static dev.duplex.handshake.HandshakeHeaders.UPGRADE;

import java.util.List;
import java.util.Objects;

/**
 * Client-side check of the server's opening handshake response, RFC 6455 §4.1 ("the client MUST validate the
 * server's response as follows", items 1-6).
 *
 * <p>Checks run in this order and the first failure is reported: status 101, Upgrade, Connection,
 * Sec-WebSocket-Accept, Sec-WebSocket-Extensions, Sec-WebSocket-Protocol.
 *
 * <p>Immutable and thread-safe. {@link #check} runs synchronously on the caller's thread and blocks on nothing
 * but the {@link HeaderLookup}.
 */
public final class UpgradeResponseCheck {

    private static final int SWITCHING_PROTOCOLS = 101;

    private final String failureReason;
    private final String subprotocol;
    private final List<ExtensionOffer> extensions;

    private UpgradeResponseCheck(String failureReason, String subprotocol, List<ExtensionOffer> extensions) {
        this.failureReason = failureReason;
        this.subprotocol = subprotocol;
        this.extensions = extensions;
    }

    /**
     * Checks a response: status 101; Upgrade contains {@code websocket}; Connection contains {@code Upgrade};
     * Sec-WebSocket-Accept equals {@link AcceptKey#compute(String) AcceptKey.compute(sentKey)}; a
     * Sec-WebSocket-Protocol, if any, is a single value among {@code offeredSubprotocols} (compared exactly);
     * every extension in Sec-WebSocket-Extensions has a name among {@code offeredExtensionNames} (ignoring
     * case).
     *
     * @param offeredSubprotocols what the client sent; null reads as none
     * @param offeredExtensionNames names of the extensions the client offered; null reads as none
     */
    public static UpgradeResponseCheck check(int status, HeaderLookup headers, String sentKey,
            List<String> offeredSubprotocols, List<String> offeredExtensionNames) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(sentKey, "sentKey");
        String problem = statusAndHeadersProblem(status, headers);
        if (problem == null) {
            problem = acceptProblem(headers.values(SEC_WEBSOCKET_ACCEPT), sentKey);
        }
        if (problem != null) {
            return failure(problem);
        }
        List<ExtensionOffer> accepted;
        try {
            accepted = ExtensionOffer.parse(headers.values(SEC_WEBSOCKET_EXTENSIONS));
        } catch (IllegalArgumentException e) {
            return failure("the server's " + e.getMessage());
        }
        problem = extensionProblem(accepted, offeredExtensionNames == null ? List.of() : offeredExtensionNames);
        if (problem != null) {
            return failure(problem);
        }
        List<String> protocolValues = headers.values(SEC_WEBSOCKET_PROTOCOL);
        List<String> protocols = HeaderTokens.split(protocolValues);
        List<String> offered = offeredSubprotocols == null ? List.of() : offeredSubprotocols;
        // RFC 6455 §4.1 item 6: the server selects at most one of the offered subprotocols
        if (protocols.size() > 1 || (protocols.isEmpty() && !protocolValues.isEmpty())) {
            return failure("Sec-WebSocket-Protocol '" + HeaderTokens.show(protocolValues) + "' must name exactly"
                    + " one subprotocol (RFC 6455 §4.1 item 6)");
        }
        String selected = protocols.isEmpty() ? null : protocols.get(0);
        if (selected != null && !offered.contains(selected)) {
            return failure("the server selected subprotocol '" + HeaderTokens.show(selected) + "', which the"
                    + " client did not offer (offered: " + offered + ", RFC 6455 §4.1 item 6)");
        }
        return new UpgradeResponseCheck(null, selected, accepted);
    }

    /** True when the response completes the handshake. */
    public boolean isValid() {
        return failureReason == null;
    }

    /** When not valid: a plain-English reason naming the header and the value received. Null when valid. */
    public String failureReason() {
        return failureReason;
    }

    /** The negotiated subprotocol, or null when none was selected or the response is not valid. */
    public String subprotocol() {
        return subprotocol;
    }

    /** The extensions the server accepted, in order; unmodifiable, empty when none or not valid. */
    public List<ExtensionOffer> extensions() {
        return extensions;
    }

    @Override
    public String toString() {
        return isValid() ? "valid WebSocket upgrade response" : "invalid WebSocket upgrade response: " + failureReason;
    }

    private static UpgradeResponseCheck failure(String reason) {
        return new UpgradeResponseCheck(reason, null, List.of());
    }

    /** RFC 6455 §4.1 items 1-3. */
    private static String statusAndHeadersProblem(int status, HeaderLookup headers) {
        if (status != SWITCHING_PROTOCOLS) {
            return "the server answered HTTP " + status + " instead of 101 Switching Protocols (RFC 6455 §4.1 item 1)";
        }
        List<String> upgrade = headers.values(UPGRADE);
        if (!HeaderTokens.contains(upgrade, "websocket")) {
            return upgrade.isEmpty()
                    ? "the server's response has no Upgrade header; it must contain 'websocket' (RFC 6455 §4.1 item 2)"
                    : "Upgrade '" + HeaderTokens.show(upgrade) + "' does not contain the token 'websocket'"
                            + " (RFC 6455 §4.1 item 2)";
        }
        List<String> connection = headers.values(CONNECTION);
        if (!HeaderTokens.contains(connection, "Upgrade")) {
            return connection.isEmpty()
                    ? "the server's response has no Connection header; it must contain 'Upgrade' (RFC 6455 §4.1 item 3)"
                    : "Connection '" + HeaderTokens.show(connection) + "' does not contain the token 'Upgrade'"
                            + " (RFC 6455 §4.1 item 3)";
        }
        return null;
    }

    /** RFC 6455 §4.1 item 4. */
    private static String acceptProblem(List<String> values, String sentKey) {
        String expected = AcceptKey.compute(sentKey);
        if (values.isEmpty()) {
            return "the server's response has no Sec-WebSocket-Accept header (expected '" + expected
                    + "', RFC 6455 §4.1 item 4)";
        }
        String received = values.size() == 1 ? values.get(0).trim() : null;
        if (!expected.equals(received)) {
            return "Sec-WebSocket-Accept '" + HeaderTokens.show(values) + "' does not match the key sent (expected '"
                    + expected + "', RFC 6455 §4.1 item 4)";
        }
        return null;
    }

    /** RFC 6455 §4.1 item 5: every accepted extension was offered. */
    private static String extensionProblem(List<ExtensionOffer> accepted, List<String> offeredNames) {
        for (ExtensionOffer extension : accepted) {
            boolean offered = offeredNames.stream().anyMatch(extension.name()::equalsIgnoreCase);
            if (!offered) {
                return "the server accepted extension '" + extension.name() + "', which the client did not offer"
                        + " (offered: " + offeredNames + ", RFC 6455 §4.1 item 5)";
            }
        }
        return null;
    }
}
