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

import java.net.URL;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Closing from the server ({@code Session.close()}, {@code close(CloseReason)}) and from the client; {@code @OnClose}
 * runs exactly once with the right code and reason; a closed session refuses sends.
 */
@ExtendWith(ArquillianExtension.class)
class CloseIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("close", CloseEndpoints.class, Mailbox.class, MailboxEndpoint.class);
    }

    /**
     * {@code Session.close()} sends a close frame with 1000 (normal closure) and no reason; {@code @OnClose}
     * runs once with 1000. WSC-2.1.5-1, WSC-4.5-1, WSC-4.5-2, javadoc 123, 67.
     */
    @Test
    void serverCloseSendsNormalClosure() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Peer peer = Peer.open(base, "/closing?token=" + id); Peer mailbox = Peer.open(base, "/mailbox")) {
            peer.send("close");

            Close close = peer.nextClose();
            assertEquals(1000, close.code());
            assertEquals("", close.reason());
            assertEquals("call=1 code=1000 reason= send=IllegalStateException", mailbox.request("onclose-" + id));
        }
    }

    /**
     * {@code Session.close(CloseReason)} sends the given code and reason to the client; {@code @OnClose} runs
     * once with them. WSC-2.1.5-1, WSC-4.5-1, javadoc 125, 18, 19, 20, 23.
     */
    @Test
    void serverCloseWithReasonSendsCodeAndReason() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Peer peer = Peer.open(base, "/closing?token=" + id); Peer mailbox = Peer.open(base, "/mailbox")) {
            peer.send("close-reason");

            Close close = peer.nextClose();
            assertEquals(4001, close.code());
            assertEquals("server says bye", close.reason());
            assertEquals("call=1 code=4001 reason=server says bye send=IllegalStateException",
                    mailbox.request("onclose-" + id));
        }
    }

    /**
     * A close from the client (4000, "bye") gets its code echoed, and {@code @OnClose} runs exactly once with the
     * peer's code and reason. WSC-2.1.5-1 ("the implementation must use the close code and reason sent" by the
     * peer), WSC-4.5-1, WSC-4.5-2, javadoc 67.
     */
    @Test
    void clientCloseReachesOnCloseOnceWithPeersReason() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Peer peer = Peer.open(base, "/closing?token=" + id); Peer mailbox = Peer.open(base, "/mailbox")) {

            assertEquals(4000, peer.closeWith(4000, "bye").code());
            assertEquals("call=1 code=4000 reason=bye send=IllegalStateException", mailbox.request("onclose-" + id));
        }
    }

    /**
     * A connection dropped without a close frame still gets {@code @OnClose}, with 1006 (closed abnormally).
     * WSC-2.1.5-1 (onClose also when the implementation closes for its own reasons), §2.1.5 (1006 for a close
     * not initiated by the peer's close frame), WSC-4.5-1.
     */
    @Test
    void droppedConnectionGetsOnCloseWith1006() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Peer peer = Peer.open(base, "/closing?token=" + id); Peer mailbox = Peer.open(base, "/mailbox")) {
            peer.ws().abort();

            assertEquals("call=1 code=1006", mailbox.request("onclose-" + id).replaceAll(" reason=.*", ""));
        }
    }

    /**
     * A peer that drops the connection right after it received the reply to its message: the endpoint's blocking
     * send returns (the bytes were written) and {@code @OnClose} follows promptly with 1006, every time (30
     * connections; the application thread must not stay blocked in the send until the send timeout).
     * WSC-2.1.5-1, WSC-4.5-1, WSC-5.2.3-1, javadoc 112 ("blocking until all of the message has been transmitted"),
     * DESIGN §3.1.
     */
    @Test
    void peerDroppingRightAfterTheReplyDoesNotStrandTheSender() throws Exception {
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 30; i++) {
            try (Peer peer = Peer.open(base, "/closing-reply?token=" + run + "-" + i)) {
                assertEquals("reply:" + i, peer.request(Integer.toString(i)));
                peer.ws().abort();
            }
        }
        try (Peer mailbox = Peer.open(base, "/mailbox")) {
            for (int i = 0; i < 30; i++) {
                String notes = mailbox.request("reply-" + run + "-" + i + "|2");
                assertEquals("closed 1006", notes.substring(notes.indexOf('\n') + 1),
                        "connection " + i + ": the send and @OnClose: " + notes);
            }
        }
    }

    /**
     * Once closed, the session reports {@code isOpen() == false}, sends through it throw
     * {@code IllegalStateException}, and closing it again has no effect. Javadoc 145, 123, 125 and the
     * {@code Session} type's javadoc ("Calling any of its methods (with the exception of the close() methods) once
     * the session has been closed will result in an IllegalStateException").
     */
    @Test
    void closedSessionRefusesSends() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Peer peer = Peer.open(base, "/closing?token=" + id); Peer mailbox = Peer.open(base, "/mailbox");
             Peer probe = Peer.open(base, "/closing-probe")) {
            assertEquals(1000, peer.closeWith(1000, "done").code());
            mailbox.request("onclose-" + id);

            assertEquals("isOpen=false,basic sendText=IllegalStateException,async sendText=IllegalStateException,"
                    + "close again=no exception,close(reason) again=no exception", probe.request(id));
        }
    }
}
