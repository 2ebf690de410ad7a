package dev.duplex.servlet;

import dev.duplex.handshake.UpgradeRequestCheck;
import dev.duplex.server.EndpointRegistry;
import dev.duplex.server.HandshakeOutcome;
import dev.duplex.server.WsServerContainer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.GenericFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Turns a WebSocket handshake for a deployed endpoint path into {@code request.upgrade()}; lets every other request
 * through untouched. Mapped to {@code /*} by {@link DuplexInitializer}, after security filters so that the
 * handshake passes through servlet security. Runs on request threads; thread-safe (no state of its own).
 */
public final class UpgradeFilter extends GenericFilter {

    private static final long serialVersionUID = 1L;

    private final transient WsServerContainer container;
    private final transient AppUpgrade app;

    UpgradeFilter(WsServerContainer container, AppUpgrade app) {
        this.container = container;
        this.app = app;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(resp instanceof HttpServletResponse response)) {
            chain.doFilter(req, resp);
            return;
        }
        EndpointRegistry.Match match = null;
        if ("GET".equals(request.getMethod()) && request.getHeader("Upgrade") != null) {
            UpgradeRequestCheck check = UpgradeRequestCheck.check(request.getMethod(),
                    new ServletHandshakeInput(request).headers());
            if (check.isUpgradeAttempt()) {
                match = container.match(pathWithinApplication(request));
            }
        }
        if (match == null) {
            chain.doFilter(request, response);
            return;
        }
        HandshakeOutcome outcome = container.handshake(match, new ServletHandshakeInput(request));
        ServletUpgrade.apply(outcome, request, response, app);
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }
}
