package dev.duplex.session;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A session's user properties ({@code Session.getUserProperties}, and the per-handshake copy that
 * {@code modifyHandshake} writes to): a mutable map that holds no {@link HashMap} until something is put in it, since
 * most sessions never use theirs (an idle connection should hold little).
 *
 * Implements {@link Map} itself rather than extending {@code AbstractMap}, whose view caches would cost two fields.
 *
 * <p>Threads: like a {@link HashMap}, the application synchronizes concurrent writers itself; the map behind is
 * created once, under this object's lock, so racing first writers share it.
 */
public final class UserProperties implements Map<String, Object> {

    /** Null until the first write, or a view that needs it. */
    private volatile Map<String, Object> map;

    private UserProperties(Map<String, Object> map) {
        this.map = map;
    }

    /** A new map holding {@code seed}'s entries (the deployed configuration's properties). */
    public static Map<String, Object> copyOf(Map<String, Object> seed) {
        return new UserProperties(seed.isEmpty() ? null : new HashMap<>(seed));
    }

    private Map<String, Object> map() {
        Map<String, Object> m = map;
        if (m == null) {
            synchronized (this) {
                m = map;
                if (m == null) {
                    m = new HashMap<>();
                    map = m;
                }
            }
        }
        return m;
    }

    @Override
    public int size() {
        Map<String, Object> m = map;
        return m == null ? 0 : m.size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        Map<String, Object> m = map;
        return m != null && m.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        Map<String, Object> m = map;
        return m == null ? null : m.get(key);
    }

    @Override
    public Object put(String key, Object value) {
        return map().put(key, value);
    }

    @Override
    public Object remove(Object key) {
        Map<String, Object> m = map;
        return m == null ? null : m.remove(key);
    }

    @Override
    public void clear() {
        Map<String, Object> m = map;
        if (m != null) {
            m.clear();
        }
    }

    @Override
    public boolean containsValue(Object value) {
        Map<String, Object> m = map;
        return m != null && m.containsValue(value);
    }

    @Override
    public void putAll(Map<? extends String, ?> entries) {
        if (!entries.isEmpty()) {
            map().putAll(entries);
        }
    }

    @Override
    public Set<String> keySet() {
        return map().keySet();
    }

    @Override
    public Collection<Object> values() {
        return map().values();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return map().entrySet();
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Map<?, ?> other)) {
            return false;
        }
        Map<String, Object> m = map;
        return m == null ? other.isEmpty() : m.equals(other);
    }

    @Override
    public int hashCode() {
        Map<String, Object> m = map;
        return m == null ? 0 : m.hashCode();
    }

    @Override
    public String toString() {
        Map<String, Object> m = map;
        return m == null ? "{}" : m.toString();
    }
}
