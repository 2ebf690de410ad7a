package dev.duplex.tck.servlet;

import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketEvent.Close;
import dev.duplex.tck.support.WebSocketEvent.Text;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The opening handshake passes through servlet security (spec §8.1, WSC-8.1-1 .. WSC-8.3-1; DESIGN.md: the upgrade
 * filter runs after the container's security): a {@code @ServerEndpoint} path under a security constraint needs
 * authentication (BASIC, against the containers' test users), the role check applies, and
 * {@code HandshakeRequest.getUserPrincipal()}, {@code isUserInRole()} and {@code Session.getUserPrincipal()}
 * (WSC-7.2-1) reflect the authenticated user. See {@link SecureWar}.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SecureWar.create("servlet-security");
    }

    /** No credentials: the container answers 401 with a BASIC challenge; no WebSocket session opens. */
    @Test
    void unauthenticatedHandshakeGets401() throws Exception {
        HttpResponse<?> refused = Http.anonymous().refusal(base, "/secure/identity");
        assertNotNull(refused, "the handshake must be refused");
        assertEquals(401, refused.statusCode(), "status");
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                "challenge: " + refused.headers().map());
    }

    /** A wrong password is no authentication. */
    @Test
    void wrongPasswordGets401() throws Exception {
        HttpResponse<?> refused = Http.as("alice", "not-her-password").refusal(base, "/secure/identity");
        assertNotNull(refused, "the handshake must be refused");
        assertEquals(401, refused.statusCode(), "status");
    }

    /** Authenticated without the constraint's role: 403. */
    @Test
    void userWithoutTheRoleGets403() throws Exception {
        HttpResponse<?> refused = Http.as("carol", "singer").refusal(base, "/secure/identity");
        assertNotNull(refused, "the handshake must be refused");
        assertEquals(403, refused.statusCode(), "status");
    }

    /** alice (roles user, admin): 101, and the handshake and the session see her. */
    @Test
    void authenticatedHandshakeSeesThePrincipalAndRoles() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Http.as("alice", "wonderland").connect(base, "/secure/identity", listener);
        String[] seen = listener.next(Text.class, "the identity report").text().split("\\|");
        assertEquals("alice", seen[0], "HandshakeRequest.getUserPrincipal()");
        assertEquals("true", seen[1], "isUserInRole(user)");
        assertEquals("true", seen[2], "isUserInRole(admin)");
        assertEquals("false", seen[3], "isUserInRole(nobody)");
        assertEquals("alice", seen[5], "Session.getUserPrincipal()");
        closeNormally(ws, listener);
    }

    /** bob (role user only): isUserInRole tells the roles apart. */
    @Test
    void rolesAreThoseOfTheAuthenticatedUser() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Http.as("bob", "builder").connect(base, "/secure/identity", listener);
        String[] seen = listener.next(Text.class, "the identity report").text().split("\\|");
        assertEquals("bob", seen[0], "HandshakeRequest.getUserPrincipal()");
        assertEquals("true", seen[1], "isUserInRole(user)");
        assertEquals("false", seen[2], "isUserInRole(admin)");
        assertEquals("bob", seen[5], "Session.getUserPrincipal()");
        closeNormally(ws, listener);
    }

    /** Outside the constraint, an anonymous handshake succeeds and has no principal. */
    @Test
    void unconstrainedPathNeedsNoAuthenticationAndHasNoPrincipal() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Http.anonymous().connect(base, "/public/identity", listener);
        String[] seen = listener.next(Text.class, "the identity report").text().split("\\|");
        assertEquals("null", seen[0], "HandshakeRequest.getUserPrincipal()");
        assertEquals("false", seen[1], "isUserInRole(user)");
        assertEquals("null", seen[5], "Session.getUserPrincipal()");
        closeNormally(ws, listener);
    }

    private static void closeNormally(WebSocket ws, RecordingListener listener) throws Exception {
        await(ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
        assertEquals(WebSocket.NORMAL_CLOSURE, listener.next(Close.class).code());
    }
}
