package dev.duplex.servlet;

import dev.duplex.server.PendingSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A container-specific way to take over an upgraded connection, for containers whose
 * {@code HttpServletRequest.upgrade()} cannot carry a WebSocket (Jetty 12: see the {@code jetty-integration}
 * module). Implementations are found with {@link java.util.ServiceLoader} through the web application's class loader
 * ({@code META-INF/services/dev.duplex.servlet.ConnectionUpgrader}); when none applies, Duplex uses the standard
 * {@code request.upgrade()}.
 *
 * <p>Threads: called on the request's thread, after the handshake was accepted and the 101 status and headers
 * were set on the response, which is not committed. It must not block.
 */
public interface ConnectionUpgrader {

    /**
     * Takes over the connection of {@code request} if this upgrader applies to it: arranges for the container to
     * send the 101 response and then hand the raw connection to a {@link dev.duplex.transport.Transport}, on which
     * it calls {@code pending.open(transport)} and passes the returned session to {@code opened} (when not null).
     *
     * @return true when it took over the connection; false to let the next upgrader (or the standard upgrade) try
     */
    boolean upgrade(HttpServletRequest request, HttpServletResponse response, PendingSession pending,
            Consumer<Session> opened) throws IOException;
}
