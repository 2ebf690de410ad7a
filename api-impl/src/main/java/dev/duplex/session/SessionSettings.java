package dev.duplex.session;

/**
 * The container-wide defaults a new session starts with; each can be changed per session through the Jakarta API.
 * Immutable. The keys that set them are listed in docs/configuration.md.
 *
 * @param maxTextMessageBytes largest whole text message accepted, in UTF-8 bytes (1009 above it)
 * @param maxBinaryMessageBytes largest whole binary message accepted, in bytes (1009 above it)
 * @param maxIdleTimeoutMillis idle time after which a session closes; 0 or less disables
 * @param sendTimeoutMillis how long a send may wait for room and completion; 0 or less waits without limit
 * @param closeOnOverflow when an async send does not fit in the outbound budget: false fails that send with an
 *     IOException (the default); true closes the slow session with 1008 instead (DESIGN.md §3 rule 4)
 */
public record SessionSettings(int maxTextMessageBytes, int maxBinaryMessageBytes, long maxIdleTimeoutMillis,
        long sendTimeoutMillis, boolean closeOnOverflow) {

    /** Defaults: 1 MiB messages, no idle timeout, 60 s send timeout, a send over the budget fails. */
    public static final SessionSettings DEFAULTS = new SessionSettings(1 << 20, 1 << 20, 0, 60_000, false);

    /** Settings with the default overflow behaviour (a send over the budget fails). */
    public SessionSettings(int maxTextMessageBytes, int maxBinaryMessageBytes, long maxIdleTimeoutMillis,
            long sendTimeoutMillis) {
        this(maxTextMessageBytes, maxBinaryMessageBytes, maxIdleTimeoutMillis, sendTimeoutMillis, false);
    }
}
