package dev.duplex.tck.handshake;

import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code modifyHandshake} sees of the {@code HandshakeRequest}, and what the session keeps of it: headers
 * (case-insensitive, read-only), parameters, query, URI, principal, HTTP session. The configurator records into
 * the connection's user properties; the endpoint sends them as its first message. Raw-socket handshakes, so that
 * the test controls every request header (the JDK client sends no cookies of its own).
 */
@ExtendWith(ArquillianExtension.class)
class HandshakeRequestIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("handshake-request", InspectEndpoint.class, InspectConfigurator.class,
                SessionServlet.class);
    }

    private Map<String, String> inspect(String pathAndQuery, String... headers) throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, pathAndQuery, headers)) {
            assertEquals(101, ws.status(), "handshake to " + pathAndQuery + ": " + ws.headers());
            return Reports.lines(ws.readText());
        }
    }

    /** Javadoc 174: header names are looked up case-insensitively in {@code HandshakeRequest.getHeaders()}. */
    @Test
    void requestHeaderNamesAreCaseInsensitive() throws Exception {
        Map<String, String> r = inspect("/inspect/1", "X-Test-Header: v1");

        assertEquals("[v1]", r.get("hs.lower"), "report " + r);
        assertEquals("[v1]", r.get("hs.upper"), "report " + r);
        assertEquals("[v1]", r.get("hs.mixed"), "report " + r);
        assertEquals("true", r.get("hs.containsKey"), "report " + r);
    }

    /** Javadoc 174: the header map is read only. */
    @Test
    void requestHeadersAreReadOnly() throws Exception {
        assertEquals("false", inspect("/inspect/1").get("hs.headersWritable"));
    }

    /**
     * Javadoc 176, 177, 178 (the handshake request's parameters, query string and URI) and 138, 140, 141, 142 (the
     * session's path parameters, query string, parameter map and request URI including the query).
     */
    @Test
    void parametersQueryAndUriOfTheHandshake() throws Exception {
        Map<String, String> r = inspect("/inspect/42?a=1&b=two&a=3");

        assertEquals("{a=[1, 3], b=[two]}", r.get("hs.params"), "report " + r);
        assertEquals("a=1&b=two&a=3", r.get("hs.query"), "report " + r);
        URI uri = URI.create(r.get("hs.uri"));
        assertEquals(base.getPath() + "inspect/42", uri.getPath(), "report " + r);
        assertEquals("a=1&b=two&a=3", uri.getRawQuery(), "report " + r);

        assertEquals("{a=[1, 3], b=[two]}", r.get("session.params"), "report " + r);
        assertEquals("a=1&b=two&a=3", r.get("session.query"), "report " + r);
        URI sessionUri = URI.create(r.get("session.uri"));
        assertEquals(base.getPath() + "inspect/42", sessionUri.getPath(), "report " + r);
        assertEquals("a=1&b=two&a=3", sessionUri.getRawQuery(), "report " + r);
        assertEquals("{id=42}", r.get("session.pathParams"), "report " + r);
    }

    /** Javadoc 177, 140: without a query, the query string is null. */
    @Test
    void noQueryMeansNullQueryString() throws Exception {
        Map<String, String> r = inspect("/inspect/7");

        assertEquals("null", r.get("hs.query"), "report " + r);
        assertEquals("{}", r.get("hs.params"), "report " + r);
        assertEquals("null", r.get("session.query"), "report " + r);
        assertEquals(null, URI.create(r.get("session.uri")).getRawQuery(), "report " + r);
    }

    /**
     * Javadoc 179, 180, 143, WSC-7.2-2: an unauthenticated handshake has no principal, its user is in no role, and
     * the session has no principal. Javadoc 139 (protocol version "13"), 146 (not secure over ws:).
     */
    @Test
    void unauthenticatedHandshakeHasNoPrincipal() throws Exception {
        Map<String, String> r = inspect("/inspect/1");

        assertEquals("null", r.get("hs.principal"), "report " + r);
        assertEquals("false", r.get("hs.inRole"), "report " + r);
        assertEquals("null", r.get("session.principal"), "report " + r);
        assertEquals("13", r.get("session.protocolVersion"), "report " + r);
        assertEquals("false", r.get("session.secure"), "report " + r);
    }

    /** Javadoc 175: without an HTTP session, {@code getHttpSession()} is null (and the handshake creates none). */
    @Test
    void noHttpSessionWithoutTheCookie() throws Exception {
        assertEquals("null", inspect("/inspect/1").get("hs.httpSession"));
    }

    /**
     * WSC-7.2-1, javadoc 175: a handshake that carries the session cookie of an HTTP session a servlet created sees
     * that very session (its attribute).
     */
    @Test
    void httpSessionOfTheClientIsAvailableInTheHandshake() throws Exception {
        HttpResponse<String> created = Clients.get(base, "/make-session");
        assertEquals(200, created.statusCode());
        String marker = created.body();
        String cookie = created.headers().firstValue("Set-Cookie").orElseThrow(
                () -> new AssertionError("no Set-Cookie in " + created.headers().map()));
        String sessionCookie = cookie.split(";", 2)[0];
        assertTrue(sessionCookie.startsWith("JSESSIONID="), "cookie " + cookie);

        assertEquals("marker:" + marker, inspect("/inspect/1", "Cookie: " + sessionCookie).get("hs.httpSession"));
    }
}
