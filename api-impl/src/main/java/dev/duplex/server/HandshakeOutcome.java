package dev.duplex.server;

import java.util.List;
import java.util.Map;

/**
 * What to answer an opening handshake: either 101 with the headers to set and a {@link PendingSession} to open once
 * the connection is upgraded, or an error status with a plain-English message (and headers, e.g. the supported
 * version with 426). Immutable.
 *
 * @param status 101, or the HTTP error status
 * @param headers response headers to set
 * @param message why the handshake failed; null on success
 * @param pending the session to open after the upgrade; null on failure
 */
public record HandshakeOutcome(int status, Map<String, List<String>> headers, String message, PendingSession pending) {

    public boolean accepted() {
        return pending != null;
    }

    static HandshakeOutcome failure(int status, String message) {
        return new HandshakeOutcome(status, Map.of(), message, null);
    }
}
