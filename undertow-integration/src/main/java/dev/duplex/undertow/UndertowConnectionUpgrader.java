package dev.duplex.undertow;

import dev.duplex.server.PendingSession;
import dev.duplex.servlet.ConnectionUpgrader;
import dev.duplex.servlet.UpgradeHandover;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Session;
import java.util.function.Consumer;

/**
 * Serves Duplex's WebSocket handshakes on Undertow 2.3 through its core API instead of
 * {@code HttpServletRequest.upgrade()}: the handshake's {@code HttpServerExchange} is upgraded with a listener of
 * ours ({@link UndertowUpgrade}), and Duplex then reads and writes the XNIO connection itself
 * ({@link UndertowTransport}). The servlet upgrade keeps, for every connection's whole life, the exchange, the
 * servlet request and response, an upgrade handler instance, Undertow's upgraded stream objects and their listeners;
 * this path keeps none of them (benchmarks/README.md, "Session 4").
 *
 * <p>Found by {@link java.util.ServiceLoader} in the web application's class loader. Declines (returns false) for
 * requests that are not Undertow's servlet requests (wrappers unwrapped), for other protocols than HTTP/1.1, when
 * Undertow's classes are not visible from this class loader, and when the key {@value #ENABLED_KEY} is
 * {@code false} (context init parameter, else system property), so Duplex then uses the standard upgrade.
 *
 * <p>Threads: {@link #upgrade} runs on the request's thread and never blocks. Thread-safe.
 */
public final class UndertowConnectionUpgrader implements ConnectionUpgrader {

    /** Context init parameter or system property; {@code false} keeps Duplex on the portable servlet path. */
    public static final String ENABLED_KEY = "duplex.undertow.directUpgrade";
    /** Undertow's servlet request, which gives the exchange; a class of undertow-servlet. */
    private static final String REQUEST_CLASS = "io.undertow.servlet.spec.HttpServletRequestImpl";
    /** A class of undertow-core that {@link UndertowUpgrade} implements. */
    private static final String PROBE_CLASS = "io.undertow.server.HttpUpgradeListener";

    /** Undertow's request class as this class loader sees it; null when Undertow is not visible from here. */
    private final Class<?> undertowRequest = undertowRequest();

    /** Called by {@link java.util.ServiceLoader}. */
    public UndertowConnectionUpgrader() {
    }

    @Override
    public boolean upgrade(HttpServletRequest request, HttpServletResponse response, PendingSession pending,
            Consumer<Session> opened) {
        if (undertowRequest == null) {
            return false;
        }
        ServletRequest inner = innermost(request);
        if (!undertowRequest.isInstance(inner) || !"HTTP/1.1".equals(request.getProtocol()) || !enabled(request)) {
            return false;
        }
        return UndertowUpgrade.offer(inner, new UpgradeHandover(pending, request.isSecure(), opened));
    }

    private static boolean enabled(HttpServletRequest request) {
        String value = request.getServletContext().getInitParameter(ENABLED_KEY);
        if (value == null) {
            value = System.getProperty(ENABLED_KEY);
        }
        return value == null || !"false".equalsIgnoreCase(value.trim());
    }

    private static ServletRequest innermost(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper wrapper) {
            r = wrapper.getRequest();
        }
        return r;
    }

    private static Class<?> undertowRequest() {
        ClassLoader loader = UndertowConnectionUpgrader.class.getClassLoader();
        try {
            Class.forName(PROBE_CLASS, false, loader);
            return Class.forName(REQUEST_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
