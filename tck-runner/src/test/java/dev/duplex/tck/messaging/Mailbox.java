package dev.duplex.tck.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side notes that outlive a session: endpoints, encoders and decoders post what they saw under a key (for
 * example what {@code @OnClose} received), and {@link MailboxEndpoint} hands them to the test over a second
 * connection. Each test WAR has its own copy (its own class loader). Any thread may call it.
 */
public final class Mailbox {

    /** How long {@link MailboxEndpoint} waits for the notes a test asks for. */
    public static final long WAIT_MILLIS = 10_000;

    private static final Map<String, List<String>> NOTES = new HashMap<>();

    private Mailbox() {
    }

    /** Appends a note under {@code key}. */
    public static void post(String key, String note) {
        synchronized (NOTES) {
            NOTES.computeIfAbsent(key, k -> new ArrayList<>()).add(note);
            NOTES.notifyAll();
        }
    }

    /**
     * Waits until {@code key} holds at least {@code count} notes (up to {@link #WAIT_MILLIS}), then returns all of
     * its notes, one per line, or {@code "TIMEOUT: "} and what arrived.
     */
    public static String await(String key, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        synchronized (NOTES) {
            while (NOTES.getOrDefault(key, List.of()).size() < count) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return "TIMEOUT waiting for " + count + " notes under " + key + ": "
                            + NOTES.getOrDefault(key, List.of());
                }
                NOTES.wait(left);
            }
            return String.join("\n", NOTES.get(key));
        }
    }
}
