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
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits until no session is open or the deadline ({@link System#nanoTime()}) passes; true when empty. */
    public synchronized boolean awaitEmpty(long deadlineNanos) throws InterruptedException {
        while (!sessions.isEmpty()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** A snapshot of the open sessions. */
    public Set<Session> snapshot() {
        return Collections.unmodifiableSet(Set.copyOf(sessions));
    }

    public int size() {
        return sessions.size();
    }
}
