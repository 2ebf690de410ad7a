package dev.duplex.tomcat;

import dev.duplex.server.PendingSession;
import dev.duplex.server.WsServerContainer;
import dev.duplex.servlet.ConnectionUpgrader;
import dev.duplex.servlet.UpgradeHandover;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Serves Duplex's WebSocket handshakes on Tomcat (10.1, 11) with {@link TomcatUpgradeHandler}: still
 * {@code HttpServletRequest.upgrade()}, but with a handler that Tomcat drives directly on its socket, as it drives
 * its own WebSocket implementation. The portable path (servlet non-blocking streams) costs a trip through Tomcat's
 * poller and a thread hand-off for every message a peer sends after waiting for a reply; this one reads the next
 * message on the same thread when it is there (benchmarks/README.md, "Session 3").
 *
 * <p>Found by {@link java.util.ServiceLoader} in the web application's class loader. Declines (returns false) for
 * requests Tomcat does not serve, for HTTP/2, when Tomcat's connector classes are not visible, and when the key
 * {@value #ENABLED_KEY} is {@code false} (context init parameter, else system property), so Duplex then uses the
 * standard upgrade.
 *
 * <p>Threads: {@link #upgrade} runs on the request's thread and never blocks. Thread-safe.
 */
public final class TomcatConnectionUpgrader implements ConnectionUpgrader {

    /** Context init parameter or system property; {@code false} keeps Duplex on the portable servlet path. */
    public static final String ENABLED_KEY = "duplex.tomcat.directUpgrade";
    /**
     * Context init parameter or system property: who reads plain (non-TLS) connections on Tomcat's NIO connector.
     * {@code auto} (the default): a {@link TomcatReadLoop}, on whose threads callbacks run with inline dispatch (one
     * that blocks has its loop taken over by another thread: {@link ReadLoopGroup}); {@code never}: Tomcat's read
     * events.
     */
    public static final String READ_LOOP_KEY = "duplex.tomcat.readLoop";
    /** A Tomcat class that the handler implements; if it is missing, this is no Tomcat we can drive. */
    private static final String PROBE_CLASS = "org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler";

    private final boolean tomcatVisible = tomcatVisible();

    /** Called by {@link java.util.ServiceLoader}. */
    public TomcatConnectionUpgrader() {
    }

    @Override
    public boolean upgrade(HttpServletRequest request, HttpServletResponse response, PendingSession pending,
            Consumer<Session> opened) throws IOException {
        if (!tomcatVisible || !servedByTomcat(request) || !"HTTP/1.1".equals(request.getProtocol())
                || !enabled(request)) {
            return false;
        }
        String readLoop = setting(request, READ_LOOP_KEY, "auto");
        if (!readLoop.equals("auto") && !readLoop.equals("never")) {
            throw new IOException(READ_LOOP_KEY + "='" + readLoop + "' must be 'auto' or 'never'");
        }
        TomcatUpgradeHandler handler;
        try {
            handler = request.upgrade(TomcatUpgradeHandler.class);
        } catch (ServletException e) {
            throw new IOException("Tomcat refused the upgrade: " + e.getMessage(), e);
        }
        Object container = request.getServletContext().getAttribute(ServerContainer.class.getName());
        boolean executorDispatch = container instanceof WsServerContainer c && !c.isInlineDispatch();
        handler.prepare(new UpgradeHandover(pending, request.isSecure(), opened), executorDispatch,
                readLoop.equals("auto"));
        return true;
    }

    private static boolean enabled(HttpServletRequest request) {
        return !"false".equalsIgnoreCase(setting(request, ENABLED_KEY, "true"));
    }

    /** The context init parameter {@code key}, else the system property, else {@code otherwise}; trimmed. */
    private static String setting(HttpServletRequest request, String key, String otherwise) {
        String value = request.getServletContext().getInitParameter(key);
        if (value == null) {
            value = System.getProperty(key);
        }
        return value == null ? otherwise : value.trim();
    }

    /** True when the innermost request is Tomcat's own (wrappers unwrapped). */
    static boolean servedByTomcat(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper wrapper) {
            r = wrapper.getRequest();
        }
        return r.getClass().getName().startsWith("org.apache.catalina.connector.");
    }

    private static boolean tomcatVisible() {
        try {
            Class.forName(PROBE_CLASS, false, TomcatConnectionUpgrader.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
