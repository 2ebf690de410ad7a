package dev.duplex.client;

import static dev.duplex.handshake.HandshakeHeaders.CONNECTION;
import static dev.duplex.handshake.HandshakeHeaders.HOST;
import static dev.duplex.handshake.HandshakeHeaders.SEC_WEBSOCKET_EXTENSIONS;
import static dev.duplex.handshake.HandshakeHeaders.SEC_WEBSOCKET_KEY;
import static dev.duplex.handshake.HandshakeHeaders.SEC_WEBSOCKET_PROTOCOL;
import static dev.duplex.handshake.HandshakeHeaders.SEC_WEBSOCKET_VERSION;
import static dev.duplex.handshake.HandshakeHeaders.SUPPORTED_VERSION;
import static dev.duplex.handshake.HandshakeHeaders.UPGRADE;

import dev.duplex.handshake.AcceptKey;
import dev.duplex.handshake.ExtensionOffer;
import dev.duplex.handshake.HeaderLookup;
import dev.duplex.handshake.HeaderTokens;
import dev.duplex.handshake.UpgradeResponseCheck;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1): the request, with the configuration's subprotocols
 * and extensions in order and the configurator's {@code beforeRequest} changes, and the check of the response.
 * What the check compares against is what was actually sent, after {@code beforeRequest}.
 *
 * <p>Threads: created and used on the thread that calls {@code connectToServer}; {@code beforeRequest} runs there.
 */
final class ClientHandshake {

    private final ConnectTarget target;
    private final Map<String, List<String>> headers;
    private final String key;
    private final List<String> offeredSubprotocols;
    private final List<String> offeredExtensions;

    private ClientHandshake(ConnectTarget target, Map<String, List<String>> headers, String key,
            List<String> offeredSubprotocols, List<String> offeredExtensions) {
        this.target = target;
        this.headers = headers;
        this.key = key;
        this.offeredSubprotocols = offeredSubprotocols;
        this.offeredExtensions = offeredExtensions;
    }

    /** Builds the request headers and lets the configurator change them (spec: beforeRequest). */
    static ClientHandshake prepare(ConnectTarget target, ClientEndpointConfig config) throws DeploymentException {
        String where = "cannot connect to " + target.uri() + ": ";
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put(HOST, values(target.hostHeader()));
        headers.put(UPGRADE, values("websocket"));
        headers.put(CONNECTION, values("Upgrade"));
        headers.put(SEC_WEBSOCKET_KEY, values(AcceptKey.newKey()));
        headers.put(SEC_WEBSOCKET_VERSION, values(SUPPORTED_VERSION));
        List<String> protocols = config.getPreferredSubprotocols();
        for (String protocol : protocols) {
            if (!HeaderTokens.isToken(protocol)) {
                throw new DeploymentException(where + "subprotocol '" + protocol + "' is not a token (RFC 6455 §4.1)");
            }
        }
        if (!protocols.isEmpty()) {
            headers.put(SEC_WEBSOCKET_PROTOCOL, values(String.join(", ", protocols)));
        }
        String extensions = ExtensionOffer.toHeaderValue(offers(config.getExtensions(), where));
        if (!extensions.isEmpty()) {
            headers.put(SEC_WEBSOCKET_EXTENSIONS, values(extensions));
        }
        try {
            config.getConfigurator().beforeRequest(headers);
        } catch (RuntimeException e) {
            throw new DeploymentException(where + "the configurator's beforeRequest failed: " + e, e);
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue() == null ? List.<String>of() : header.getValue()) {
                String problem = HeaderText.problem(header.getKey(), value);
                if (problem != null) {
                    throw new DeploymentException(where + "after beforeRequest, " + problem);
                }
            }
        }
        List<String> keys = headers.getOrDefault(SEC_WEBSOCKET_KEY, List.of());
        if (keys == null || keys.size() != 1) {
            throw new DeploymentException(where + "after beforeRequest the request must carry exactly one "
                    + SEC_WEBSOCKET_KEY + " header, not " + keys);
        }
        List<String> offeredNames = new ArrayList<>();
        try {
            ExtensionOffer.parse(headers.get(SEC_WEBSOCKET_EXTENSIONS)).forEach(o -> offeredNames.add(o.name()));
        } catch (IllegalArgumentException e) {
            throw new DeploymentException(where + "the request's " + e.getMessage(), e);
        }
        List<String> offeredProtocols = HeaderTokens.split(headers.get(SEC_WEBSOCKET_PROTOCOL));
        return new ClientHandshake(target, headers, keys.get(0).trim(), offeredProtocols, List.copyOf(offeredNames));
    }

    private static List<ExtensionOffer> offers(List<Extension> extensions, String where) throws DeploymentException {
        List<ExtensionOffer> offers = new ArrayList<>();
        for (Extension extension : extensions) {
            LinkedHashMap<String, String> params = new LinkedHashMap<>();
            extension.getParameters().forEach(p -> params.put(p.getName(), p.getValue()));
            try {
                offers.add(new ExtensionOffer(extension.getName(), params));
            } catch (IllegalArgumentException e) {
                throw new DeploymentException(where + "extension '" + extension.getName()
                        + "' of the ClientEndpointConfig cannot be offered: " + e.getMessage(), e);
            }
        }
        return offers;
    }

    private static List<String> values(String value) {
        List<String> list = new ArrayList<>(1);
        list.add(value);
        return list;
    }

    /** The request head: request line, Host first, then the other fields; ISO-8859-1. */
    ByteBuffer requestBytes() {
        StringBuilder sb = new StringBuilder(256);
        sb.append("GET ").append(target.requestTarget()).append(" HTTP/1.1\r\n");
        appendField(sb, HOST, headers.get(HOST));
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HOST)) {
                appendField(sb, name, values);
            }
        });
        sb.append("\r\n");
        return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void appendField(StringBuilder sb, String name, List<String> values) {
        if (values != null) {
            values.forEach(v -> sb.append(name).append(": ").append(v).append("\r\n"));
        }
    }

    /**
     * Checks a response (RFC 6455 §4.1 items 1-6) and that every extension the server accepted can run here.
     *
     * @throws HandshakeFailedException naming the URI, the status and what is wrong
     */
    UpgradeResponseCheck check(int status, String reason, Map<String, List<String>> response)
            throws HandshakeFailedException {
        String where = "cannot connect to " + target.uri() + ": ";
        if (status != 101) {
            throw new HandshakeFailedException(target.uri(), status, response, where + "the server answered HTTP "
                    + status + (reason.isEmpty() ? "" : " " + reason) + " instead of 101 Switching Protocols"
                    + StatusHints.hint(status, target, response));
        }
        UpgradeResponseCheck check = UpgradeResponseCheck.check(status, HeaderLookup.of(response), key,
                offeredSubprotocols, offeredExtensions);
        if (!check.isValid()) {
            throw new HandshakeFailedException(target.uri(), status, response, where + check.failureReason());
        }
        if (!check.extensions().isEmpty()) {
            // No extension has a client implementation yet (permessage-deflate comes later): RFC 6455 §9.1
            // lets the client fail the connection when it cannot run what the server accepted.
            throw new HandshakeFailedException(target.uri(), status, response, where + "the server accepted"
                    + " extension '" + check.extensions().get(0) + "', which this client cannot run (Duplex has no"
                    + " client implementation of " + check.extensions().get(0).name() + " yet); remove it from"
                    + " ClientEndpointConfig.getExtensions()");
        }
        return check;
    }
}
