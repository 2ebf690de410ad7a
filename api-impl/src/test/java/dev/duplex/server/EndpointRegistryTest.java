package dev.duplex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.session.SessionGroup;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Path matching of spec §3.1.1, with the spec's own examples. */
class EndpointRegistryTest {

    public static class E extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    private static EndpointRegistry registry(String... paths) throws DeploymentException {
        EndpointRegistry r = new EndpointRegistry();
        for (String p : paths) {
            r.add(new Registration(ServerEndpointConfig.Builder.create(E.class, p).build(), new UriTemplate(p), null,
                    new SessionGroup()));
        }
        return r;
    }

    private static String matched(EndpointRegistry r, String path) {
        EndpointRegistry.Match m = r.match(path);
        return m == null ? null : m.registration().template().path() + " " + m.pathParameters();
    }

    /** WSC-3.1.1-1: exact match of a relative URI, trailing slash significant. */
    @Test
    void exactPathMatchesOnlyItself() throws Exception {
        EndpointRegistry r = registry("/a/b/");
        assertEquals("/a/b/ {}", matched(r, "/a/b/"));
        assertNull(matched(r, "/a/b"));
    }

    /** WSC-3.1.1-1: a variable matches one non-empty segment. */
    @Test
    void variableMatchesOneNonEmptySegment() throws Exception {
        EndpointRegistry r = registry("/a/{var}");
        assertEquals("/a/{var} {var=b}", matched(r, "/a/b"));
        assertEquals("/a/{var} {var=apple}", matched(r, "/a/apple"));
        assertNull(matched(r, "/a"));
        assertNull(matched(r, "/a/b/"));
        assertNull(matched(r, "/a/b/c"));
        assertNull(matched(r, "/a/"));
    }

    /** WSC-3.1.1-3: exact segments beat variables, left to right. */
    @Test
    void literalSegmentsWinFromTheLeft() throws Exception {
        EndpointRegistry r = registry("/a/{var}/c", "/a/b/c", "/a/{var1}/{var2}");
        assertEquals("/a/b/c {}", matched(r, "/a/b/c"));
        assertEquals("/a/{var}/c {var=d}", matched(r, "/a/d/c"));
        assertEquals("/a/{var1}/{var2} {var1=x, var2=y}", matched(r, "/a/x/y"));
        EndpointRegistry r2 = registry("/{var1}/d", "/b/{var2}");
        assertEquals("/b/{var2} {var2=d}", matched(r2, "/b/d"));
    }

    /** WSC-3.1.1-2: the same path, or equivalent templates, twice is an invalid application. */
    @Test
    void duplicatePathsAndEquivalentTemplatesFailDeployment() throws Exception {
        DeploymentException same = assertThrows(DeploymentException.class, () -> registry("/x", "/x"));
        assertTrue(same.getMessage().contains("already used"), same.getMessage());
        assertThrows(DeploymentException.class, () -> registry("/a/{x}", "/a/{y}"));
    }

    /** WSC-3.1.1-4: no match, no connection. */
    @Test
    void noMatchIsNull() throws Exception {
        assertNull(registry("/a", "/b/{v}").match("/c"));
    }

    @Test
    void invalidTemplatesAreRejectedWithTheSegment() {
        for (String bad : new String[] {"a/b", "/a{b}", "/{}", "/{a}{b}", "/a/{x}/{x}", "/a}", "/a/../b", "/a/./b",
            "/a//b", "/a/.."}) {
            DeploymentException e = assertThrows(DeploymentException.class, () -> new UriTemplate(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertEquals(Map.of(), Map.of());
    }

    /** RFC 3986 §5.2.4: dot segments are removed before matching, whatever the servlet container did. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "/x/../exact   | /exact",
        "/a/./b/c      | /a/b/c",
        "/m/q/../apple | /m/apple",
        "/../exact     | /exact",
        "/a/.          | /a/",
        "/a/b/..       | /a/",
        "/.hidden/x    | /.hidden/x",
        "/a/..b/c      | /a/..b/c",
    })
    void dotSegmentsAreRemoved(String path, String expected) {
        assertEquals(expected, EndpointRegistry.removeDotSegments(path));
    }

    @Test
    void matchesAfterRemovingDotSegments() throws DeploymentException {
        EndpointRegistry r = registry("/exact", "/m/{var}");
        assertEquals("/exact {}", matched(r, "/x/../exact"));
        assertEquals("/m/{var} {var=apple}", matched(r, "/m/q/../apple"));
        assertNull(matched(r, "/m/q/.."), "'/m/' has an empty variable value");
    }
}
