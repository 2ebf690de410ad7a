package dev.duplex.jetty;

import dev.duplex.server.PendingSession;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Consumer;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;

/**
 * Parks a {@link JettyConnection} on Jetty's core request, in the attribute that Jetty's HTTP/1.1 connection reads
 * once the response (our 101) is complete: Jetty then calls {@code EndPoint.upgrade(ourConnection)}.
 *
 * <p>The core request sits behind the servlet request of an EE-specific servlet layer; each layer has a static
 * {@code ServletContextRequest.getServletContextRequest(ServletRequest)}. Those classes are looked up through the
 * class loader of Jetty's own request object (the web application may not see them), newest EE level first.
 *
 * <p>Loading this class links Jetty's classes: only {@link JettyConnectionUpgrader} creates it, after checking
 * that they are visible. Threads: request threads; thread-safe.
 */
final class JettyHandover {

    /** Jetty 12.1 has both; 12.0 only EE 10 (EE 9 and 8 are older Servlet versions that Duplex does not serve). */
    private static final String[] LOCATORS = {
        "org.eclipse.jetty.ee11.servlet.ServletContextRequest",
        "org.eclipse.jetty.ee10.servlet.ServletContextRequest",
    };
    private static final MethodType LOCATOR_TYPE =
            MethodType.methodType(Object.class, ServletRequest.class);

    /** The locator that worked last time (one web application has one EE level), or null. */
    private volatile MethodHandle cached;

    /**
     * Arranges for Jetty to hand the connection of {@code request} to a new {@link JettyConnection} once the 101
     * is written; that connection then opens {@code pending}. Returns false when Jetty's core request was not found.
     */
    boolean handOver(HttpServletRequest request, PendingSession pending, Consumer<Session> opened) {
        Request core = coreRequest(request);
        if (core == null) {
            return false;
        }
        ConnectionMetaData meta = core.getConnectionMetaData();
        JettyConnection connection = new JettyConnection(meta.getConnection().getEndPoint(),
                core.getComponents().getExecutor(), meta.getConnector(), request.isSecure(), pending, opened);
        core.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, connection);
        return true;
    }

    private Request coreRequest(HttpServletRequest request) {
        MethodHandle locator = cached;
        if (locator != null) {
            Request core = locate(locator, request);
            if (core != null) {
                return core;
            }
        }
        ClassLoader jetty = innermost(request).getClass().getClassLoader();
        for (String name : LOCATORS) {
            locator = locator(name, jetty);
            Request core = locator == null ? null : locate(locator, request);
            if (core != null) {
                cached = locator;
                return core;
            }
        }
        return null;
    }

    private static MethodHandle locator(String className, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            return MethodHandles.publicLookup()
                    .findStatic(type, "getServletContextRequest", MethodType.methodType(type, ServletRequest.class))
                    .asType(LOCATOR_TYPE);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // not this EE level
        }
    }

    /** The core request, or null when this locator does not serve {@code request}. */
    private static Request locate(MethodHandle locator, ServletRequest request) {
        try {
            return locator.invoke(request) instanceof Request core ? core : null;
        } catch (IllegalStateException e) {
            return null; // "could not find ServletContextRequest": a request of another EE level
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot locate Jetty's request: " + e, e);
        }
    }

    private static ServletRequest innermost(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper wrapper) {
            r = wrapper.getRequest();
        }
        return r;
    }
}
