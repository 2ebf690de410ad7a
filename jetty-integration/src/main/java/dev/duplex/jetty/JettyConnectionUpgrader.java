package dev.duplex.jetty;

import dev.duplex.server.PendingSession;
import dev.duplex.servlet.ConnectionUpgrader;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Serves Duplex's WebSocket handshakes on Jetty 12, whose {@code HttpServletRequest.upgrade()} cannot carry a
 * WebSocket (12.0: not implemented; 12.1: the upgraded input stream reports end-of-file before any byte the client
 * sends after the 101). Instead of {@code upgrade()}, it hands Jetty a connection of ours in the request attribute
 * that Jetty's HTTP/1.1 connection honours after a 101: Jetty writes the 101 and swaps its connection for ours
 * ({@link JettyConnection}), which opens the session.
 *
 * <p>Found by {@link java.util.ServiceLoader} in the web application's class loader. Declines (returns false) for
 * requests that Jetty does not serve, so the jar is harmless on other containers. The Jetty classes it uses
 * ({@code org.eclipse.jetty.io/server/util/http}) must be visible to the web application: an embedded
 * {@code ServletContextHandler} sees them; a {@code WebAppContext} hides them unless told otherwise (README).
 *
 * <p>Threads: {@link #upgrade} runs on the request's thread and never blocks. Thread-safe.
 */
public final class JettyConnectionUpgrader implements ConnectionUpgrader {

    private static final System.Logger LOG = System.getLogger(JettyConnectionUpgrader.class.getName());
    /** A Jetty class that this module links against; if it is missing, the web application cannot see Jetty. */
    private static final String PROBE_CLASS = "org.eclipse.jetty.server.HttpStream";

    private final boolean jettyVisible = jettyVisible();
    private final AtomicBoolean reported = new AtomicBoolean();
    /** Created on first use only: loading it links Jetty's classes. */
    private volatile JettyHandover handover;

    /** Called by {@link java.util.ServiceLoader}. */
    public JettyConnectionUpgrader() {
    }

    @Override
    public boolean upgrade(HttpServletRequest request, HttpServletResponse response, PendingSession pending,
            Consumer<Session> opened) throws IOException {
        if (!servedByJetty(request) || !"HTTP/1.1".equals(request.getProtocol())) {
            return false;
        }
        if (!jettyVisible) {
            // Falling back to request.upgrade() would answer 501 (Jetty 12.0) or hang the client (12.1).
            refuse(response, "Jetty's classes (org.eclipse.jetty.io, .server, .util, .http) are not visible to "
                    + "the web application; a WebAppContext must un-hide them (see the Duplex README, \"Jetty 12\")");
            return true;
        }
        JettyHandover h = handover();
        if (h.handOver(request, pending, opened)) {
            return true;
        }
        report(Level.WARNING, "Duplex could not find Jetty's core request behind " + request.getClass().getName()
                + " (an EE level other than 10 or 11?); trying the standard HttpServletRequest.upgrade()");
        return false;
    }

    private JettyHandover handover() {
        JettyHandover h = handover;
        if (h == null) {
            h = new JettyHandover();
            handover = h;
        }
        return h;
    }

    private void refuse(HttpServletResponse response, String problem) throws IOException {
        report(Level.ERROR, "Duplex cannot serve WebSockets on this Jetty: " + problem);
        response.reset();
        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                "WebSocket upgrade unavailable on this server: see the server log");
    }

    /** Logs the first occurrence at {@code level}, later ones at debug level. */
    private void report(Level level, String message) {
        LOG.log(reported.compareAndSet(false, true) ? level : Level.DEBUG, message);
    }

    /** True when the innermost request is Jetty's own (wrappers unwrapped). */
    static boolean servedByJetty(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper wrapper) {
            r = wrapper.getRequest();
        }
        return r.getClass().getName().startsWith("org.eclipse.jetty.");
    }

    private static boolean jettyVisible() {
        try {
            Class.forName(PROBE_CLASS, false, JettyConnectionUpgrader.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
