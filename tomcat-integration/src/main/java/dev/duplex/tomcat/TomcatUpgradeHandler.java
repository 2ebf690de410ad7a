package dev.duplex.tomcat;

import dev.duplex.servlet.UpgradeHandover;
import jakarta.servlet.http.WebConnection;
import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * The upgrade handler Tomcat creates for a handshake accepted by {@link TomcatConnectionUpgrader}. Because it is an
 * {@link InternalHttpUpgradeHandler}, Tomcat gives it the connection's socket wrapper and calls
 * {@link #upgradeDispatch} for each socket event, on its worker threads, one at a time per connection (under the
 * connection's lock); everything else is {@link TomcatTransport}'s.
 *
 * <p>Order: {@link #setSocketWrapper} (Tomcat, creating its processor), {@link #prepare} (the request thread,
 * after {@code upgrade()} returned), {@link #init} (once the 101 is written), then events; {@link #destroy} once
 * the connection is gone.
 */
public final class TomcatUpgradeHandler implements InternalHttpUpgradeHandler {

    private volatile SocketWrapperBase<?> socket;
    private volatile UpgradeHandover handover;
    private volatile boolean executorDispatch;
    private volatile boolean readLoop;
    private volatile TomcatTransport transport;

    /** Called by Tomcat ({@code request.upgrade}). */
    public TomcatUpgradeHandler() {
    }

    /**
     * @param executorDispatch whether the application's callbacks run on its executor (key duplex.dispatch)
     * @param readLoop whether a plain connection is read by a {@link TomcatReadLoop} (key duplex.tomcat.readLoop)
     */
    void prepare(UpgradeHandover handover, boolean executorDispatch, boolean readLoop) {
        this.executorDispatch = executorDispatch;
        this.readLoop = readLoop;
        this.handover = handover;
    }

    @Override
    public void setSocketWrapper(SocketWrapperBase<?> wrapper) {
        this.socket = wrapper;
    }

    @Override
    public void init(WebConnection connection) {
        UpgradeHandover h = handover;
        handover = null; // its hook holds the HTTP session: not for the connection's whole life
        SocketWrapperBase<?> s = socket;
        if (h == null || s == null) {
            throw new IllegalStateException("Tomcat upgrade handler initialised without "
                    + (h == null ? "a pending WebSocket session" : "a socket"));
        }
        TomcatTransport t = new TomcatTransport(s, h.secure(), executorDispatch, readLoop);
        transport = t;
        h.open(t);
    }

    @Override
    public SocketState upgradeDispatch(SocketEvent status) {
        TomcatTransport t = transport;
        return t == null ? SocketState.CLOSED : t.dispatch(status);
    }

    /** Duplex keeps its own idle and close timers; Tomcat's timeouts are off for upgraded connections. */
    @Override
    public void timeoutAsync(long now) {
    }

    /** Whether the connection is secure was taken from the request. */
    @Override
    public void setSslSupport(SSLSupport sslSupport) {
    }

    /** The connector pauses (e.g. a graceful stop): open sessions carry on until their connections close. */
    @Override
    public void pause() {
    }

    @Override
    public void destroy() {
        TomcatTransport t = transport;
        if (t != null) {
            t.destroyed();
        }
    }
}
