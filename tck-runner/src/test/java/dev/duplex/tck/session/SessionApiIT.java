package dev.duplex.tck.session;

import dev.duplex.tck.messaging.Mailbox;
import dev.duplex.tck.messaging.MailboxEndpoint;
import dev.duplex.tck.messaging.Peer;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code Session} API of a server session: id, open sessions, user properties, the request it was opened
 * under, what the handshake negotiated, its container and remotes.
 */
@ExtendWith(ArquillianExtension.class)
class SessionApiIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("session-api", InfoEndpoint.class, OtherEndpoint.class, ContainerCapture.class,
                Mailbox.class, MailboxEndpoint.class);
    }

    /** Each session has its own id. WSC-2.1.2-1 (one unique Session per peer), javadoc 130. */
    @Test
    void sessionIdsAreUnique() throws Exception {
        try (Peer a = Peer.open(base, "/info/a"); Peer b = Peer.open(base, "/info/a");
             Peer c = Peer.open(base, "/other")) {
            Set<String> ids = new TreeSet<>();
            ids.add(info(a).get("id"));
            ids.add(info(b).get("id"));
            ids.add(c.request("id"));

            assertEquals(3, ids.size(), "ids " + ids);
        }
    }

    /**
     * {@code getOpenSessions} holds the open sessions of the same endpoint (whatever their path parameters),
     * including this one, and not those of another endpoint in the application. Javadoc 137, 145.
     */
    @Test
    void openSessionsAreThoseOfThisEndpointOnly() throws Exception {
        try (Peer a = Peer.open(base, "/info/a"); Peer b = Peer.open(base, "/info/b");
             Peer other = Peer.open(base, "/other")) {
            Set<String> infoIds = new TreeSet<>(Set.of(info(a).get("id"), info(b).get("id")));
            String otherId = other.request("id");

            assertEquals(String.join(",", infoIds), a.request("open"));
            assertEquals(String.join(",", infoIds), b.request("open"));
            assertEquals(otherId, other.request("open"));
        }
    }

    /**
     * User properties are a modifiable map per session, kept until {@code onClose} has completed.
     * WSC-2.1.2-2, javadoc 144.
     */
    @Test
    void userPropertiesArePerSessionAndLastUntilOnClose() throws Exception {
        try (Peer a = Peer.open(base, "/info/a"); Peer b = Peer.open(base, "/info/a");
             Peer mailbox = Peer.open(base, "/mailbox")) {
            String id = info(a).get("id");
            assertEquals("put", a.request("put:k=kept"));
            assertEquals("kept", a.request("get:k"));
            assertEquals("null", b.request("get:k"), "another session's properties");

            assertEquals(1000, a.closeWith(1000, "done").code());
            assertEquals("kept", mailbox.request("closed-" + id), "user property read in @OnClose");
        }
    }

    /**
     * The request the session was opened under: URI with query, query string, parameters (multi-valued), path
     * parameters, no principal. WSC-4.3-3, javadoc 138, 140, 141, 142, 143.
     */
    @Test
    void requestDetails() throws Exception {
        try (Peer peer = Peer.open(base, "/info/room1?x=1&y=2&y=3")) {
            Map<String, String> info = info(peer);
            URI uri = URI.create(info.get("uri"));

            assertEquals("/session-api/info/room1", uri.getRawPath(), "getRequestURI path; " + uri);
            assertEquals("x=1&y=2&y=3", uri.getRawQuery(), "getRequestURI query; " + uri);
            assertEquals("x=1&y=2&y=3", info.get("query"));
            assertEquals("{x=[1], y=[2, 3]}", info.get("parameters"));
            assertEquals("{room=room1}", info.get("pathParameters"));
            assertEquals("null", info.get("principal"));
        }
    }

    /** Without a query, {@code getQueryString} is null and the parameter map is empty. Javadoc 140, 141. */
    @Test
    void noQuery() throws Exception {
        try (Peer peer = Peer.open(base, "/info/plain")) {
            Map<String, String> info = info(peer);

            assertEquals("null", info.get("query"));
            assertEquals("{}", info.get("parameters"));
            assertEquals(null, URI.create(info.get("uri")).getRawQuery());
        }
    }

    /**
     * What the handshake settled: the subprotocol the endpoint chose from the client's offer (empty string when
     * none was offered), no extensions, protocol version 13, not secure, open. WSC-4.1.4-1, javadoc 135, 136, 139,
     * 145, 146.
     */
    @Test
    void handshakeOutcome() throws Exception {
        try (Peer offered = Peer.open(base, "/info/a", "superchat", "other");
             Peer none = Peer.open(base, "/info/a")) {
            Map<String, String> info = info(offered);
            assertEquals("[superchat]", info.get("subprotocol"));
            assertEquals("superchat", offered.ws().getSubprotocol());
            assertEquals("[]", info.get("extensions"));
            assertEquals("13", info.get("protocolVersion"));
            assertEquals("false", info.get("secure"));
            assertEquals("true", info.get("open"));

            assertEquals("[]", info(none).get("subprotocol"), "no subprotocol offered: the empty string");
        }
    }

    /**
     * {@code getContainer} is the application's {@code ServerContainer} (the servlet context attribute), the
     * remotes exist, and the session's idle timeout and buffer sizes start at the container's defaults.
     * WSC-2.1.7-1, javadoc 127, 128, 129, 132, 133, 131, 166, 167, 168.
     */
    @Test
    void containerRemotesAndDefaults() throws Exception {
        try (Peer peer = Peer.open(base, "/info/a")) {
            Map<String, String> info = info(peer);

            assertEquals("true sameAsServletContextAttribute=true", info.get("container"));
            assertEquals("true,true", info.get("remotes"));
            assertEquals("true", info.get("idleTimeout"));
            assertEquals("true", info.get("textBuffer"));
            assertEquals("true", info.get("binaryBuffer"));
        }
    }

    private static Map<String, String> info(Peer peer) throws Exception {
        Map<String, String> info = new LinkedHashMap<>();
        for (String line : peer.request("info").split("\n")) {
            int equals = line.indexOf('=');
            info.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return info;
    }
}
