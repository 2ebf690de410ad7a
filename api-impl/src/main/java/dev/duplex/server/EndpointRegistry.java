package dev.duplex.server;

import jakarta.websocket.DeploymentException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deployed endpoint paths and the matching of spec §3.1.1: exact paths first; then, among templates with the
 * request's number of segments, segment by segment from the left, keeping literal matches over variables.
 * Thread-safe: written during deployment, read by every handshake.
 */
public final class EndpointRegistry {

    /** A path match: the endpoint and the template variables' values. */
    public record Match(Registration registration, Map<String, String> pathParameters) {
    }

    private final Map<String, Registration> exact = new ConcurrentHashMap<>();
    private final Map<String, Registration> byShape = new HashMap<>();
    private volatile Map<Integer, List<Registration>> templatesBySegments = Map.of();

    /** Adds an endpoint; two endpoints on the same path, or on equivalent templates, fail deployment (WSC-3.1.1-2). */
    synchronized void add(Registration registration) throws DeploymentException {
        UriTemplate template = registration.template();
        Registration clash = byShape.get(template.normalized());
        if (clash != null) {
            throw new DeploymentException("endpoint path '" + template.path() + "' of " + registration.describe()
                    + " is already used by " + clash.describe() + " (path '" + clash.template().path()
                    + "'); each path or equivalent template may be deployed once (spec §3.1.1)");
        }
        byShape.put(template.normalized(), registration);
        if (!template.isTemplate()) {
            exact.put(template.path(), registration);
            return;
        }
        Map<Integer, List<Registration>> copy = new HashMap<>(templatesBySegments);
        copy.computeIfAbsent(template.segmentCount(), k -> new ArrayList<>()).add(registration);
        templatesBySegments = copy;
    }

    /**
     * The endpoint for a request path (relative to the web application), or null (WSC-3.1.1-3, -4). The path is
     * normalized first (dot segments removed, RFC 3986 §5.2.4), whether or not the servlet container did it.
     */
    public Match match(String path) {
        if (path.contains("/.")) {
            path = removeDotSegments(path);
        }
        Registration direct = exact.get(path);
        if (direct != null) {
            return new Match(direct, Map.of());
        }
        String[] segments = path.split("/", -1);
        List<Registration> candidates = templatesBySegments.get(segments.length);
        if (candidates == null) {
            return null;
        }
        List<Registration> remaining = new ArrayList<>(candidates);
        for (int i = 0; i < segments.length && !remaining.isEmpty(); i++) {
            remaining = narrow(remaining, i, segments[i]);
        }
        if (remaining.isEmpty()) {
            return null;
        }
        Registration winner = remaining.get(0);
        return new Match(winner, winner.template().bind(segments));
    }

    /** RFC 3986 §5.2.4 for an absolute path: "." segments go, ".." removes the segment before it (never the root). */
    static String removeDotSegments(String path) {
        String[] segments = path.split("/", -1);
        List<String> out = new ArrayList<>(segments.length);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && !out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add(""); // "/a/." and "/a/b/.." end with a '/'
                }
            } else {
                out.add(segment);
            }
        }
        return "/" + String.join("/", out);
    }

    private static List<Registration> narrow(List<Registration> candidates, int index, String segment) {
        List<Registration> literal = new ArrayList<>();
        List<Registration> variable = new ArrayList<>();
        for (Registration r : candidates) {
            UriTemplate t = r.template();
            if (t.isVariable(index)) {
                if (!segment.isEmpty()) {
                    variable.add(r);
                }
            } else if (t.segment(index).equals(segment)) {
                literal.add(r);
            }
        }
        return literal.isEmpty() ? variable : literal;
    }

    /** True when an annotated endpoint of this class is deployed already. */
    synchronized boolean contains(Class<?> annotatedClass) {
        for (Registration r : byShape.values()) {
            if (r.model() != null && r.config().getEndpointClass() == annotatedClass) {
                return true;
            }
        }
        return false;
    }

    /** Every registration, for shutdown. */
    public synchronized List<Registration> all() {
        return new ArrayList<>(byShape.values());
    }
}
