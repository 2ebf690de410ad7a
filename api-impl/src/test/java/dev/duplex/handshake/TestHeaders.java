package dev.duplex.handshake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A mutable header set for tests, read through {@link HeaderLookup#of(Map)}. Test-thread confined. */
final class TestHeaders {

    private final Map<String, List<String>> map = new LinkedHashMap<>();

    /** A valid client opening handshake, RFC 6455 §1.3 / §4.1. */
    static TestHeaders validRequest() {
        return new TestHeaders()
                .set("Host", "server.example.com")
                .set("Upgrade", "websocket")
                .set("Connection", "Upgrade")
                .set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .set("Sec-WebSocket-Version", "13");
    }

    /** A valid server response to key {@code dGhlIHNhbXBsZSBub25jZQ==}, RFC 6455 §1.3. */
    static TestHeaders validResponse() {
        return new TestHeaders()
                .set("Upgrade", "websocket")
                .set("Connection", "Upgrade")
                .set("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    /** Replaces all values of {@code name} (matched ignoring case). */
    TestHeaders set(String name, String... values) {
        remove(name);
        map.put(name, new ArrayList<>(List.of(values)));
        return this;
    }

    TestHeaders remove(String name) {
        map.keySet().removeIf(name::equalsIgnoreCase);
        return this;
    }

    HeaderLookup lookup() {
        return HeaderLookup.of(map);
    }
}
