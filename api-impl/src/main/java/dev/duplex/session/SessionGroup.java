package dev.duplex.session;

import jakarta.websocket.Session;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions of one endpoint (what {@link Session#getOpenSessions()} returns a copy of). Thread-safe: sessions
 * join when their {@code onOpen} starts and leave when their {@code onClose} has run.
 */
public final class SessionGroup {

    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    void join(Session session) {
        sessions.add(session);
    }

    void leave(Session session) {
        sessions.remove(session);
    }

    /** A snapshot of the open sessions. */
    public Set<Session> snapshot() {
        return Collections.unmodifiableSet(Set.copyOf(sessions));
    }

    public int size() {
        return sessions.size();
    }
}
