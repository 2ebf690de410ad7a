package dev.duplex.tck.paths;

import dev.duplex.tck.handshake.Clients;
import dev.duplex.tck.handshake.RawWebSocket;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spec §3.1.1 URI matching, with the spec's own examples: one programmatic endpoint deployed at the paths of
 * {@link PathMatchingConfig} reports which path matched and with which variables.
 */
@ExtendWith(ArquillianExtension.class)
class PathMatchingIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("paths-matching", PathReporter.class, PathMatchingConfig.class);
    }

    /**
     * WSC-3.1.1-1 (an exact path matches itself; a template matches its expansions), WSC-3.1.1-3 (the best match:
     * segment by segment from the left, a literal segment preferred over a variable), WSC-6.4-1 (paths are relative
     * to the context root). Rows: the spec's examples ii, iii and iv, and an exact path beside an equivalent template.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/a/b/c     | /a/b/c {}",
        "/a/d/c     | /a/{var}/c {var=d}",
        "/a/x/y     | /a/{var1}/{var2} {var1=x, var2=y}",
        "/b/d       | /b/{var2} {var2=d}",
        "/c/d       | /{var1}/d {var1=c}",
        "/m/b       | /m/{var} {var=b}",
        "/m/apple   | /m/{var} {var=apple}",
        "/x/y       | /x/y {}",
        "/x/z       | /x/{name} {name=z}",
        "/exact     | /exact {}",
    })
    void incomingUriMatchesTheBestEndpointPath(String uri, String expected) throws Exception {
        assertEquals(expected, Clients.firstMessage(base, uri));
    }

    /**
     * WSC-3.1.1-1: the incoming URI is compared after normalization (RFC 3986 §6): dot segments are removed before
     * matching. Raw handshakes, so that the request line carries the URI unchanged.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/x/../exact   | /exact {}",
        "/a/./b/c      | /a/b/c {}",
        "/m/q/../apple | /m/{var} {var=apple}",
    })
    void incomingUriIsNormalizedBeforeMatching(String uri, String expected) throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, uri)) {
            assertEquals(101, ws.status(), uri + ": " + ws.headers());
            assertEquals(expected, ws.readText());
        }
    }

    /**
     * WSC-3.1.1-4: without a match the connection is not established: the handshake is answered 404. Rows: the
     * spec's example ii non-matches of {@code /m/{var}} (no variable value, a trailing '/', an extra segment), an
     * unknown path, an exact path with an extra segment or a trailing '/', and a case difference.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/m", "/m/b/", "/m/b/c", "/nowhere", "/exact/more", "/exact/", "/EXACT", "/a/b/c/d"})
    void noMatchRefusesTheHandshake(String uri) throws Exception {
        assertEquals(404, Clients.handshakeStatus(base, uri), "handshake status for " + uri);
    }
}
