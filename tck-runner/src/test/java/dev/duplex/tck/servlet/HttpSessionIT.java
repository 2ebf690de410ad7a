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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP session of the handshake ({@code HandshakeRequest.getHttpSession()}), and WSC-7.2-3 (spec §7.2): when an
 * authenticated user's HTTP session is invalidated or times out, the WebSocket sessions opened under it close with
 * 1008 (policy violation). The client logs in through a servlet ({@link LoginServlet}) to get the session cookie,
 * then opens the WebSocket with the cookie and its credentials, like a browser. See {@link SecureWar}.
 */
@ExtendWith(ArquillianExtension.class)
class HttpSessionIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SecureWar.create("servlet-session");
    }

    /** Javadoc of HandshakeRequest.getHttpSession: the session the handshake request belongs to. */
    @Test
    void handshakeSeesTheHttpSessionOfTheClient() throws Exception {
        Http alice = Http.as("alice", "wonderland");
        String marker = login(alice, "");
        RecordingListener listener = new RecordingListener();
        WebSocket ws = alice.connect(base, "/secure/identity", listener);
        String[] seen = listener.next(Text.class, "the identity report").text().split("\\|");
        assertEquals(marker, seen[4], "the marker attribute of HandshakeRequest.getHttpSession()");
        await(ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
        assertEquals(WebSocket.NORMAL_CLOSURE, listener.next(Close.class).code());
    }

    /** WSC-7.2-3: invalidating the authenticated HTTP session closes its WebSocket session with 1008. */
    @Test
    void invalidatedAuthenticatedHttpSessionClosesTheWebSocketWith1008() throws Exception {
        Http alice = Http.as("alice", "wonderland");
        login(alice, "");
        RecordingListener listener = new RecordingListener();
        WebSocket ws = alice.connect(base, "/secure/identity", listener);
        listener.next(Text.class, "the identity report");
        await(ws.sendText("still open", true));
        assertEquals("still open", listener.next(Text.class, "echo before logout").text());

        assertEquals("invalidated", alice.get(base, "/secure/login?logout").body(), "logout");

        Close close = listener.next(Close.class, "the close after the HTTP session was invalidated");
        assertEquals(1008, close.code(), "close code; reason \"" + close.reason() + "\"");
    }

    /** WSC-7.2-3: an authenticated HTTP session that times out closes its WebSocket session with 1008. */
    @Test
    void timedOutAuthenticatedHttpSessionClosesTheWebSocketWith1008() throws Exception {
        Http bob = Http.as("bob", "builder");
        login(bob, "?maxInactive=1");
        RecordingListener listener = new RecordingListener();
        bob.connect(base, "/secure/identity", listener);
        listener.next(Text.class, "the identity report");

        // Nothing touches the HTTP session any more: it expires after 1 s (the containers check every second).
        Close close = listener.next(Close.class, "the close after the HTTP session timed out");
        assertEquals(1008, close.code(), "close code; reason \"" + close.reason() + "\"");
    }

    private String login(Http client, String query) throws Exception {
        HttpResponse<String> response = client.get(base, "/secure/login" + query);
        assertEquals(200, response.statusCode(), "login: " + response.body());
        assertTrue(response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID=")),
                "session cookie: " + response.headers().map());
        return response.body();
    }
}
