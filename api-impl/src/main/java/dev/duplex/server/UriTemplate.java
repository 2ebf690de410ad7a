package dev.duplex.server;

import jakarta.websocket.DeploymentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An endpoint path: a relative URI or a level-1 URI template whose variables are whole segments ({@code /a/{id}}),
 * spec §3.1.1. Immutable.
 */
public final class UriTemplate {

    private final String path;
    private final List<String> segments;
    private final boolean[] variable;
    private final Set<String> variables;

    public UriTemplate(String path) throws DeploymentException {
        if (path == null || !path.startsWith("/")) {
            throw new DeploymentException("endpoint path '" + path + "' must start with '/' (spec §3.1.1)");
        }
        String bad = path.contains("//") ? "//" : path.contains("/../") || path.endsWith("/..") ? "/../"
                : path.contains("/./") || path.endsWith("/.") ? "/./" : null;
        if (bad != null) {
            throw new DeploymentException("endpoint path '" + path + "' contains '" + bad
                    + "', which an endpoint path must not (spec §3.1.1)");
        }
        this.path = path;
        this.segments = List.of(path.split("/", -1));
        this.variable = new boolean[segments.size()];
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            boolean opens = s.indexOf('{') >= 0;
            boolean closes = s.indexOf('}') >= 0;
            if (!opens && !closes) {
                continue;
            }
            if (!s.startsWith("{") || !s.endsWith("}") || s.length() < 3
                    || s.indexOf('{', 1) >= 0 || s.indexOf('}') != s.length() - 1) {
                throw new DeploymentException("endpoint path '" + path + "': segment '" + s
                        + "' is not a valid template variable; only whole segments like {name} are allowed (spec §3.1.1)");
            }
            String name = s.substring(1, s.length() - 1);
            if (!names.add(name)) {
                throw new DeploymentException("endpoint path '" + path + "' uses the variable {" + name + "} twice");
            }
            variable[i] = true;
        }
        this.variables = Collections.unmodifiableSet(names);
    }

    public String path() {
        return path;
    }

    public Set<String> variables() {
        return variables;
    }

    public boolean isTemplate() {
        return !variables.isEmpty();
    }

    int segmentCount() {
        return segments.size();
    }

    boolean isVariable(int index) {
        return variable[index];
    }

    String segment(int index) {
        return segments.get(index);
    }

    /** The shape that makes two templates equivalent: variables replaced by one marker. */
    String normalized() {
        List<String> parts = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            parts.add(variable[i] ? "{}" : segments.get(i));
        }
        return String.join("/", parts);
    }

    /** The variables' values for {@code requestSegments}, which this template matches. */
    Map<String, String> bind(String[] requestSegments) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            if (variable[i]) {
                String s = segments.get(i);
                values.put(s.substring(1, s.length() - 1), requestSegments[i]);
            }
        }
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return path;
    }
}
