package dev.duplex.layering;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table of layers (DESIGN.md §2) and the check of scanned sources against it. Immutable.
 *
 * <p>Every package of ours may import {@code java.*}, {@code javax.*} (the JDK's {@code javax.net.ssl} and
 * friends) and its own layer's packages; anything else must be allowed by its row. A package of ours with no
 * row fails, as does a reference to a package that is neither the JDK's, Jakarta's nor ours.
 */
public final class LayerTable {

    /** The root of our packages. */
    public static final String OURS = "dev.duplex";

    private final String where;
    private final Map<String, Layer> layers = new LinkedHashMap<>();

    private LayerTable(String where, List<Layer> rows) {
        this.where = where;
        rows.forEach(row -> layers.put(row.name(), row));
    }

    /** The table of DESIGN.md §2 for module {@code api-impl}. */
    public static LayerTable apiImpl() {
        Set<String> belowServer = Set.of("frame", "transport", "extension", "core", "coder", "session", "pojo");
        Set<String> serverOurs = union(belowServer, Set.of("handshake"));
        return new LayerTable("DESIGN.md §2 (api-impl)", List.of(
                Layer.of("frame", Set.of()),
                Layer.of("transport", Set.of()),
                Layer.of("handshake", Set.of()),
                Layer.of("extension", Set.of("frame")),
                Layer.of("core", Set.of("frame", "extension", "transport")),
                Layer.of("coder", Set.of(), "jakarta.websocket"),
                Layer.of("session", Set.of("core", "frame", "coder"), "jakarta.websocket"),
                // pojo reads @PathParam, which the API puts in jakarta.websocket.server (a deviation from
                // DESIGN.md §2 recorded in the foundation issue's note).
                Layer.of("pojo", Set.of("session", "coder"), "jakarta.websocket", "jakarta.websocket.server"),
                Layer.of("server", serverOurs, "jakarta.websocket", "jakarta.websocket.server"),
                Layer.of("client", serverOurs, "jakarta.websocket")));
    }

    /** DESIGN.md §2 for module {@code servlet-integration}: it sees only server, transport and handshake. */
    public static LayerTable servletIntegration() {
        return new LayerTable("DESIGN.md §2 (servlet-integration)", List.of(
                new Layer("servlet", Set.of("server", "transport", "handshake"), Set.of(), true)));
    }

    /** The rows, by layer name, in table order. */
    public Map<String, Layer> layers() {
        return Map.copyOf(layers);
    }

    /** Every violation in {@code sources}, each naming file, line and the forbidden reference. */
    public List<String> violations(List<ScannedSource> sources) {
        List<String> violations = new ArrayList<>();
        sources.forEach(source -> violations.addAll(violations(source)));
        return violations;
    }

    /** Every violation in one source, each naming file, line and the forbidden reference. */
    public List<String> violations(ScannedSource source) {
        String pkg = source.packageName();
        if (pkg == null) {
            return List.of(source.file() + ":1: declares no package; every class lives in " + OURS + ".<layer>");
        }
        String layerName = layerOf(pkg);
        Layer layer = layerName == null ? null : layers.get(layerName);
        if (layer == null) {
            return List.of(source.file() + ":" + source.packageLine() + ": package " + pkg + " is in no layer of "
                    + where + " (known: " + String.join(", ", layers.keySet()) + "); add it to DESIGN.md §2"
                    + " and to LayeringTest (dev.duplex.layering.LayerTable), saying what it may import");
        }
        List<String> violations = new ArrayList<>();
        for (Reference ref : source.references()) {
            String problem = problem(layer, ref.targetPackage());
            if (problem != null) {
                violations.add(source.file() + ":" + ref.line() + ": " + ref.describe() + " is forbidden in package "
                        + pkg + " (" + problem + "; " + where + " allows layer '" + layer.name() + "' "
                        + layer.allowance() + ")");
            }
        }
        return violations;
    }

    /**
     * The layer a package of ours belongs to ({@code dev.duplex.extension.deflate} → {@code extension}),
     * {@code ""} for {@code dev.duplex} itself, null for a package that is not ours.
     */
    public static String layerOf(String pkg) {
        if (pkg.equals(OURS)) {
            return "";
        }
        if (!pkg.startsWith(OURS + ".")) {
            return null;
        }
        String rest = pkg.substring(OURS.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Why {@code layer} may not reference {@code target}, or null when it may. */
    private static String problem(Layer layer, String target) {
        if (target.equals("java") || target.startsWith("java.") || target.startsWith("javax.")) {
            return null;
        }
        String targetLayer = layerOf(target);
        if (targetLayer != null) {
            boolean allowed = targetLayer.equals(layer.name()) || layer.ours().contains(targetLayer);
            return allowed ? null : "layer '" + layer.name() + "' may not use layer '" + targetLayer + "'";
        }
        if (target.equals("jakarta") || target.startsWith("jakarta.")) {
            boolean allowed = layer.anyJakarta() || layer.jakarta().contains(target);
            return allowed ? null : "package " + target + " is not allowed here";
        }
        return "package " + target + " is neither the JDK's, Jakarta's nor ours";
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
