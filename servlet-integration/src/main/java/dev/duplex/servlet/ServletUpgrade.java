package dev.duplex.servlet;

import dev.duplex.handshake.UpgradeRequestCheck;
import dev.duplex.server.HandshakeOutcome;
import dev.duplex.server.WsServerContainer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Carries out a handshake decision on a servlet request: an error status with its message, or the 101 headers and
 * {@code request.upgrade()}. Also serves {@code ServerContainer.upgradeHttpToWebSocket} for frameworks.
 * Runs on the request's thread; never commits the response before {@code upgrade()}.
 */
final class ServletUpgrade {

    private ServletUpgrade() {
    }

    static void apply(HandshakeOutcome outcome, HttpServletRequest request, HttpServletResponse response,
            AppUpgrade app) throws IOException, ServletException {
        for (Map.Entry<String, List<String>> header : outcome.headers().entrySet()) {
            boolean first = true;
            for (String value : header.getValue()) {
                if (first) {
                    response.setHeader(header.getKey(), value);
                    first = false;
                } else {
                    response.addHeader(header.getKey(), value);
                }
            }
        }
        if (!outcome.accepted()) {
            response.sendError(outcome.status(), outcome.message());
            return;
        }
        // Tomcat sends the status but not these two headers; Undertow adds only Connection (set them ourselves).
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        HttpSession httpSession = request.getUserPrincipal() == null ? null : request.getSession(false);
        java.util.function.Consumer<jakarta.websocket.Session> opened =
                httpSession == null ? null : session -> app.authenticated().add(httpSession, session);
        for (ConnectionUpgrader upgrader : app.upgraders()) {
            if (upgrader.upgrade(request, response, outcome.pending(), opened)) {
                return;
            }
        }
        DuplexUpgradeHandler handler = request.upgrade(DuplexUpgradeHandler.class);
        handler.prepare(new UpgradeHandover(outcome.pending(), request.isSecure(), opened));
    }

    /** The {@code upgradeHttpToWebSocket} hook installed on the container. */
    static void upgradeFor(WsServerContainer container, AppUpgrade app, Object request,
            Object response, ServerEndpointConfig config, Map<String, String> pathParameters)
            throws IOException, DeploymentException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse resp)) {
            throw new DeploymentException("upgradeHttpToWebSocket needs an HttpServletRequest and an "
                    + "HttpServletResponse, got " + type(request) + " and " + type(response));
        }
        ServletHandshakeInput input = new ServletHandshakeInput(req);
        UpgradeRequestCheck check = UpgradeRequestCheck.check(req.getMethod(), input.headers());
        if (!check.isValid()) {
            // Javadoc of upgradeHttpToWebSocket: a request that is no valid handshake is the caller's mistake.
            throw new IllegalStateException("cannot upgrade " + req.getRequestURI() + ": " + check.failureReason());
        }
        HandshakeOutcome outcome = container.handshake(config, pathParameters, input);
        try {
            apply(outcome, req, resp, app);
        } catch (ServletException e) {
            throw new IOException("the container refused the upgrade: " + e.getMessage(), e);
        }
    }

    private static String type(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
