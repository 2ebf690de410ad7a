package dev.duplex.layering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds cycles in the graph of our packages ({@code dev.duplex.*}, full package names, so
 * {@code dev.duplex.extension} ↔ {@code dev.duplex.extension.deflate} counts) built from scanned references.
 * Used from the test thread only.
 */
public final class PackageCycles {

    /** package → referenced package → first place seen ("File.java:12"). */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    /** Adds the references of {@code sources} to the graph. */
    public PackageCycles add(List<ScannedSource> sources) {
        for (ScannedSource source : sources) {
            String from = source.packageName();
            if (from == null || LayerTable.layerOf(from) == null) {
                continue;
            }
            for (Reference ref : source.references()) {
                String to = ref.targetPackage();
                if (!to.equals(from) && LayerTable.layerOf(to) != null) {
                    edges.computeIfAbsent(from, k -> new TreeMap<>())
                            .putIfAbsent(to, source.file() + ":" + ref.line());
                }
            }
        }
        return this;
    }

    /**
     * One message per cycle found by a depth-first search (at least one per strongly connected group), e.g.
     * {@code a -> b -> a (a -> b at A.java:3; b -> a at B.java:5)}.
     */
    public List<String> cycles() {
        List<String> found = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> reported = new TreeSet<>();
        for (String start : edges.keySet()) {
            visit(start, new ArrayList<>(), new HashMap<>(), done, found, reported);
        }
        return found;
    }

    private void visit(String node, List<String> path, Map<String, Integer> onPath, Set<String> done,
            List<String> found, Set<String> reported) {
        if (done.contains(node)) {
            return;
        }
        onPath.put(node, path.size());
        path.add(node);
        for (String next : edges.getOrDefault(node, Map.of()).keySet()) {
            Integer at = onPath.get(next);
            if (at != null) {
                List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
                if (reported.add(new TreeSet<>(cycle).toString())) {
                    found.add(describe(cycle));
                }
            } else {
                visit(next, path, onPath, done, found, reported);
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(node);
        done.add(node);
    }

    private String describe(List<String> cycle) {
        StringBuilder chain = new StringBuilder();
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < cycle.size(); i++) {
            String from = cycle.get(i);
            String to = cycle.get((i + 1) % cycle.size());
            chain.append(from).append(" -> ");
            if (where.length() > 0) {
                where.append("; ");
            }
            where.append(from).append(" -> ").append(to).append(" at ").append(edges.get(from).get(to));
        }
        return "package cycle: " + chain + cycle.get(0) + " (" + where + ")";
    }
}
