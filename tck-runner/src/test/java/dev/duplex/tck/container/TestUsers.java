package dev.duplex.tck.container;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The users both embedded containers know, from the {@code users} property of their {@code arquillian.xml}
 * configuration: {@code name:password:role,role;name:password:;...} (a user may have no role). Used by the Tomcat
 * realm ({@link TestUsersRealm}) and the Undertow identity manager ({@link TestUsersIdentityManager}). Immutable.
 */
public final class TestUsers {

    /** One user: name, clear-text password (test data only) and roles. */
    public record User(String name, String password, Set<String> roles) {
    }

    private final Map<String, User> users;

    private TestUsers(Map<String, User> users) {
        this.users = Map.copyOf(users);
    }

    /** Parses the {@code users} property; null or blank means no users. */
    public static TestUsers parse(String spec) {
        Map<String, User> users = new LinkedHashMap<>();
        if (spec != null) {
            for (String entry : spec.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] parts = entry.trim().split(":", -1);
                if (parts.length != 3 || parts[0].isEmpty()) {
                    throw new IllegalArgumentException("users: '" + entry + "' is not name:password:role,role");
                }
                Set<String> roles = Arrays.stream(parts[2].split(","))
                        .map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
                users.put(parts[0], new User(parts[0], parts[1], roles));
            }
        }
        return new TestUsers(users);
    }

    public Optional<User> find(String name) {
        return Optional.ofNullable(name == null ? null : users.get(name));
    }
}
