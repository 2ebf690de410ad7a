package dev.duplex.servlet;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WSC-7.2-3: a WebSocket session opened by an authenticated handshake must not outlive the authenticated identity.
 * Remembers such sessions by HTTP session id and closes them with 1008 when the HTTP session is invalidated or
 * times out. Follows session id changes ({@code changeSessionId} after login). Thread-safe; container threads call
 * the listener methods.
 */
final class AuthenticatedSessions implements HttpSessionListener, HttpSessionIdListener {

    private static final System.Logger LOG = System.getLogger(AuthenticatedSessions.class.getName());

    private final Map<String, Set<Session>> byHttpSession = new ConcurrentHashMap<>();

    /** Remembers {@code session}, opened under {@code httpSession} by an authenticated user. */
    void add(HttpSession httpSession, Session session) {
        Set<Session> set = byHttpSession.computeIfAbsent(httpSession.getId(), k -> ConcurrentHashMap.newKeySet());
        set.removeIf(s -> !s.isOpen());
        set.add(session);
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        Set<Session> sessions = byHttpSession.remove(event.getSession().getId());
        if (sessions == null) {
            return;
        }
        for (Session s : sessions) {
            if (!s.isOpen()) {
                continue;
            }
            try {
                s.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                        "The authenticated HTTP session ended"));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "closing session " + s.getId() + " after its HTTP session ended: " + e);
            }
        }
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        Set<Session> sessions = byHttpSession.remove(oldSessionId);
        if (sessions != null) {
            byHttpSession.merge(event.getSession().getId(), sessions, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
    }
}
