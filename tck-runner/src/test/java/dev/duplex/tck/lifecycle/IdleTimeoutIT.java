package dev.duplex.tck.lifecycle;

import dev.duplex.tck.messaging.Mailbox;
import dev.duplex.tck.messaging.MailboxEndpoint;
import dev.duplex.tck.messaging.Peer;
import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.WebSocketEvent.Close;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Session.setMaxIdleTimeout}: a session idle for longer is closed by the container (1001 on the wire, with
 * a reason saying it was idle); zero or a negative value disables the timeout.
 */
@ExtendWith(ArquillianExtension.class)
class IdleTimeoutIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("idle-timeout", IdleEndpoint.class, Mailbox.class, MailboxEndpoint.class);
    }

    /**
     * A session idle for its 500 ms timeout is closed with 1001 and a reason mentioning "idle", within about two
     * seconds and not before the timeout. Javadoc 132, 149; WSC-2.1.5-1.
     */
    @Test
    void idleSessionIsClosedWith1001() throws Exception {
        try (Peer peer = Peer.open(base, "/idle?ms=500")) {
            assertEquals("500", peer.request("timeout"));
            long lastActivity = System.nanoTime();

            Close close = peer.nextClose();
            long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity);

            assertEquals(1001, close.code(), "close code; reason \"" + close.reason() + "\"");
            assertTrue(close.reason().toLowerCase(Locale.ROOT).contains("idle"),
                    "reason says the session was idle: \"" + close.reason() + "\"");
            assertTrue(idleMillis >= 400 && idleMillis <= 2500, "closed after " + idleMillis + " ms idle");
        }
    }

    /**
     * When the container closes a session because of its idle timeout, {@code @OnClose} gets 1006 (closed
     * abnormally) with a reason, so that the endpoint can tell a local close from one the peer asked for.
     * WSC-2.1.5-1 and §2.1.5: "If the close was initiated by the local container, for example if the local
     * container determines the session has timed out, the local implementation must use the WebSocket protocol
     * close code 1006".
     */
    @Test
    void onCloseOfIdleSessionGets1006() throws Exception {
        try (Peer peer = Peer.open(base, "/idle?ms=300"); Peer mailbox = Peer.open(base, "/mailbox")) {
            String id = peer.request("id");
            peer.nextClose();

            String closed = mailbox.request("idle-" + id);
            assertTrue(closed.startsWith("code=1006 reason="), "@OnClose got " + closed);
            assertTrue(closed.length() > "code=1006 reason=".length(), "with a reason: " + closed);
        }
    }

    /**
     * An idle timeout of zero or less disables it: a session whose 200 ms timeout was then disabled is still open
     * after a 400 ms session opened later has timed out. Javadoc 149 ("A value that is 0 or negative indicates the
     * session will never timeout due to inactivity"), 132.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, -1})
    void zeroOrNegativeDisablesTheTimeout(int disabled) throws Exception {
        try (Peer quiet = Peer.open(base, "/idle?ms=200")) {
            assertEquals("set " + disabled, quiet.request("set:" + disabled));
            try (Peer clock = Peer.open(base, "/idle?ms=400")) {
                assertEquals(1001, clock.nextClose().code(), "the 400 ms session timed out");
            }

            assertEquals("echo:still open", quiet.request("still open"));
            assertEquals(1000, quiet.closeWith(1000, "done").code());
        }
    }
}
