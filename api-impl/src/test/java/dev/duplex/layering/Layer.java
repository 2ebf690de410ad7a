package dev.duplex.layering;

import java.util.Set;

/**
 * One row of a layer table: a top-level package of ours ({@code dev.duplex.<name>}, with its sub-packages) and
 * what it may import besides {@code java.*}, {@code javax.*} and itself. Immutable.
 *
 * @param name the segment after {@code dev.duplex}, e.g. {@code frame}
 * @param ours the other layers of ours it may import (each with its sub-packages)
 * @param jakarta the Jakarta packages it may import, matched exactly (no sub-packages)
 * @param anyJakarta true when every {@code jakarta.*} package is allowed
 */
public record Layer(String name, Set<String> ours, Set<String> jakarta, boolean anyJakarta) {

    public Layer {
        ours = Set.copyOf(ours);
        jakarta = Set.copyOf(jakarta);
    }

    /** A layer that may import the given layers of ours and exactly the given Jakarta packages. */
    public static Layer of(String name, Set<String> ours, String... jakarta) {
        return new Layer(name, ours, Set.of(jakarta), false);
    }

    /** What the layer may import, for failure messages. */
    public String allowance() {
        String ourPart = ours.isEmpty() ? "nothing of ours" : "of ours only " + sorted(ours);
        String jakartaPart = anyJakarta ? "any jakarta.*"
                : jakarta.isEmpty() ? "no jakarta.*" : "of Jakarta only " + sorted(jakarta);
        return ourPart + ", " + jakartaPart;
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new java.util.TreeSet<>(names));
    }
}
