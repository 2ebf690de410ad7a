package dev.duplex.tck.lifecycle;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exceptions thrown by endpoint callbacks are caught by the container and passed to {@code @OnError} with the
 * session; after an {@code @OnMessage} failure the session keeps working.
 */
@ExtendWith(ArquillianExtension.class)
class ErrorHandlingIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("error-handling", ErrorEndpoints.class, Mailbox.class, MailboxEndpoint.class);
    }

    /**
     * A runtime or checked exception thrown by {@code @OnMessage} reaches {@code @OnError} with the session, and
     * the session stays usable: the next message is still echoed. WSC-5.2.2-1, WSC-5.2.2-2, WSC-4.6-1, WSC-4.6-2,
     * WSC-2.2.4-1, javadoc 68.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"runtime, IllegalArgumentException", "checked, IOException"})
    void onMessageExceptionGoesToOnErrorAndSessionStaysUsable(String kind, String type) throws Exception {
        try (Peer peer = Peer.open(base, "/error/message")) {
            assertEquals("onError found " + type + " sameSession=true", peer.request(kind));

            assertEquals("echo:after", peer.request("after"));
            assertEquals("onError found " + type + " sameSession=true", peer.request(kind), "a second failure");
            assertEquals("echo:again", peer.request("again"));
        }
    }

    /** An exception thrown by {@code @OnOpen} reaches {@code @OnError} with the session. WSC-5.2.2-1, WSC-5.2.2-2. */
    @Test
    void onOpenExceptionGoesToOnError() throws Exception {
        try (Peer peer = Peer.open(base, "/error/open")) {
            assertEquals("onError found IllegalStateException sameSession=true", peer.nextText());
        }
    }

    /**
     * An exception thrown by {@code @OnClose} is passed to {@code @OnError} together with the session.
     * WSC-4.5-3, WSC-5.2.2-2.
     */
    @Test
    void onCloseExceptionGoesToOnError() throws Exception {
        try (Peer peer = Peer.open(base, "/error/close"); Peer mailbox = Peer.open(base, "/mailbox")) {
            String id = peer.request("id");
            assertEquals(1000, peer.closeWith(1000, "done").code());

            assertEquals("onError found IllegalStateException sameSession=true", mailbox.request("close-error-" + id));
        }
    }
}
