package dev.duplex.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Case-insensitive header access supplied by the caller (a servlet request, a client's HTTP response...).
 *
 * <p>{@link #values(String)} returns every value of the named header in the order received, each value as
 * received (it may hold a comma-separated list, RFC 9110 §5.6.1), or an empty list. It never returns null.
 *
 * <p>Threads: called on whichever thread runs the handshake check, synchronously; it must not block on I/O
 * (the headers have already been read). Implementations should be immutable views.
 */
@FunctionalInterface
public interface HeaderLookup {

    /**
     * All values of header {@code name} (matched case-insensitively, RFC 9110 §5.1), in order; never null.
     */
    List<String> values(String name);

    /**
     * A lookup over a map of header name to values, matching names case-insensitively. The map is copied;
     * null or missing entries read as an empty list.
     */
    static HeaderLookup of(Map<String, ? extends List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                copy.computeIfAbsent(name, k -> new ArrayList<>())
                        .addAll(values);
            }
        });
        copy.replaceAll((name, values) -> List.copyOf(values));
        return name -> copy.getOrDefault(name, List.of());
    }
}
