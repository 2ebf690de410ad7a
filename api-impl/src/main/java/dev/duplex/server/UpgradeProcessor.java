package dev.duplex.server;

import dev.duplex.core.Connection;
import dev.duplex.handshake.AcceptKey;
import dev.duplex.handshake.HandshakeHeaders;
import dev.duplex.handshake.UpgradeRequestCheck;
import dev.duplex.pojo.PojoEndpoint;
import dev.duplex.session.SessionContext;
import dev.duplex.session.WsExtension;
import dev.duplex.session.WsSession;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides one opening handshake for a matched endpoint (RFC 6455 §4.2, spec §3 and §8): validates the request,
 * asks the configurator (origin, subprotocol, extensions, {@code modifyHandshake}, endpoint instance), and prepares
 * the response headers and the session to open after the upgrade. Stateless; runs on the request's thread.
 */
final class UpgradeProcessor {

    private static final System.Logger LOG = System.getLogger(UpgradeProcessor.class.getName());

    private final WsServerContainer container;

    UpgradeProcessor(WsServerContainer container) {
        this.container = container;
    }

    HandshakeOutcome process(Registration registration, Map<String, String> pathParameters, HandshakeInput input) {
        UpgradeRequestCheck check = UpgradeRequestCheck.check(input.method(), input.headers());
        if (!check.isValid()) {
            LOG.log(Level.DEBUG, () -> "rejected handshake for " + input.requestUri() + ": " + check.failureReason());
            Map<String, List<String>> headers = check.failureStatus() == 426
                    ? Map.of(HandshakeHeaders.SEC_WEBSOCKET_VERSION, List.of(HandshakeHeaders.SUPPORTED_VERSION))
                    : Map.of();
            return new HandshakeOutcome(check.failureStatus(), headers, check.failureReason(), null);
        }
        ServerEndpointConfig config = new ConnectionEndpointConfig(registration.config());
        ServerEndpointConfig.Configurator configurator = config.getConfigurator();
        List<String> origins = input.headers().values("Origin");
        String origin = origins.isEmpty() ? null : origins.get(0);
        if (!container.originAllowed(origin) || !configurator.checkOrigin(origin)) {
            return HandshakeOutcome.failure(403, "origin '" + origin + "' is not allowed for " + config.getPath());
        }
        String subprotocol = configurator.getNegotiatedSubprotocol(config.getSubprotocols(), check.subprotocols());
        List<Extension> extensions = configurator.getNegotiatedExtensions(List.copyOf(container.getInstalledExtensions()),
                requestedExtensions(check));
        ServerHandshakeRequest request = new ServerHandshakeRequest(input);
        ServerHandshakeResponse response = new ServerHandshakeResponse();
        response.getHeaders().put(HandshakeHeaders.UPGRADE, new ArrayList<>(List.of("websocket")));
        response.getHeaders().put(HandshakeHeaders.CONNECTION, new ArrayList<>(List.of("Upgrade")));
        response.getHeaders().put(HandshakeHeaders.SEC_WEBSOCKET_ACCEPT,
                new ArrayList<>(List.of(AcceptKey.compute(check.key()))));
        if (subprotocol != null && !subprotocol.isEmpty()) {
            response.getHeaders().put(HandshakeHeaders.SEC_WEBSOCKET_PROTOCOL, new ArrayList<>(List.of(subprotocol)));
        }
        configurator.modifyHandshake(config, request, response);
        Endpoint endpoint;
        try {
            endpoint = endpointInstance(registration, configurator);
        } catch (InstantiationException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot create an endpoint instance for " + config.getPath(), e);
            return HandshakeOutcome.failure(500, "cannot create the endpoint for " + config.getPath() + ": "
                    + e.getMessage());
        }
        SessionContext context = new SessionContext(input.requestUri().toString(), request.getParameterMap(),
                Map.copyOf(pathParameters), input.principal(), subprotocol == null ? "" : subprotocol,
                List.copyOf(extensions), config.getUserProperties());
        PendingSession pending = transport -> {
            WsSession session = new WsSession(container, endpoint, config, context, registration.sessions(),
                    container.sessionSettings());
            Connection connection = new Connection(transport, container.connectionConfig(), session.getId(),
                    session);
            session.bind(connection);
            if (endpoint instanceof PojoEndpoint pojo) {
                pojo.applyLimits(session);
            }
            connection.start();
            return session;
        };
        return new HandshakeOutcome(101, new TreeMap<>(response.getHeaders()), null, pending);
    }

    private static Endpoint endpointInstance(Registration registration, ServerEndpointConfig.Configurator configurator)
            throws InstantiationException {
        Class<?> type = registration.config().getEndpointClass();
        Object instance = configurator.getEndpointInstance(type);
        if (instance == null) {
            throw new InstantiationException("the configurator returned no instance of " + type.getName());
        }
        if (registration.model() != null) {
            return new PojoEndpoint(instance, registration.model());
        }
        return (Endpoint) instance;
    }

    private static List<Extension> requestedExtensions(UpgradeRequestCheck check) {
        List<Extension> list = new ArrayList<>();
        check.extensions().forEach(offer -> list.add(new WsExtension(offer.name(), offer.params())));
        return list;
    }
}
