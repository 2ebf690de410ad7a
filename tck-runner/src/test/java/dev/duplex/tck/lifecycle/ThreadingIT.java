package dev.duplex.tck.lifecycle;

import dev.duplex.tck.messaging.Mailbox;
import dev.duplex.tck.messaging.MailboxEndpoint;
import dev.duplex.tck.messaging.Peer;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.ByteBuffer;
import java.util.UUID;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * How the container calls endpoints: one instance per peer, one callback at a time, {@code onClose} only after
 * {@code onOpen} returned, and the web application's class loader as the context class loader in every callback.
 */
@ExtendWith(ArquillianExtension.class)
class ThreadingIT {

    private static final int FLOOD = 300;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("threading", ThreadingEndpoints.class, ClassLoaderEndpoint.class, Mailbox.class,
                MailboxEndpoint.class);
    }

    /**
     * A flood of text, binary and pong messages, starting while {@code @OnOpen} still runs, never makes two
     * callbacks of one endpoint instance overlap. WSC-5.1-2, WSC-5.1-4.
     */
    @Test
    void oneCallbackAtATimePerEndpointInstance() throws Exception {
        try (Peer peer = Peer.open(base, "/threading/overlap")) {
            for (int i = 0; i < FLOOD; i++) {
                await(peer.ws().sendText("t" + i, true));
                await(peer.ws().sendBinary(ByteBuffer.wrap(new byte[] {(byte) i}), true));
                await(peer.ws().sendPong(ByteBuffer.wrap(new byte[] {(byte) i})));
            }

            String report = peer.request("report");
            assertEquals("calls=" + (1 + 3 * FLOOD) + " overlaps=0", report.replaceFirst("instance=\\d+ ", ""));
        }
    }

    /** Each peer gets its own endpoint instance. WSC-5.1-1, WSC-2.1.1-1, javadoc 206 (default configurator). */
    @Test
    void oneEndpointInstancePerPeer() throws Exception {
        try (Peer a = Peer.open(base, "/threading/overlap"); Peer b = Peer.open(base, "/threading/overlap")) {
            String instanceA = a.request("report").replaceFirst(" .*", "");
            String instanceB = b.request("report").replaceFirst(" .*", "");

            assertNotEquals(instanceA, instanceB);
            assertEquals(instanceA, a.request("report").replaceFirst(" .*", ""), "same instance for later calls");
        }
    }

    /**
     * The client sends a message and closes while {@code @OnOpen} is still running (it takes 300 ms):
     * {@code onMessage} and {@code onClose} run only after {@code onOpen} returned, in that order.
     * WSC-5.1-3, WSC-5.1-2, WSC-4.4-1. Repeated: the frames race the end of {@code onOpen}.
     */
    @RepeatedTest(3)
    void onCloseOnlyAfterOnOpenReturned() throws Exception {
        String token = UUID.randomUUID().toString();
        try (Peer peer = Peer.open(base, "/threading/slow-open?token=" + token);
             Peer mailbox = Peer.open(base, "/mailbox")) {
            peer.send("early");
            assertEquals(4000, peer.closeWith(4000, "quick").code());

            assertEquals("open start\nopen end\nmessage early\nclose 4000", mailbox.request("slow-" + token + "|4"));
        }
    }

    /**
     * In {@code @OnOpen}, {@code @OnMessage}, {@code @OnError}, {@code @OnClose}, a decoder, an encoder and a
     * {@code SendHandler}, the thread's context class loader is the web application's. DESIGN §3.6 ("Set the web
     * application's context class loader around user code"); Jakarta EE web component rules.
     */
    @Test
    void webAppClassLoaderIsContextClassLoaderInCallbacks() throws Exception {
        try (Peer peer = Peer.open(base, "/threading/ccl"); Peer mailbox = Peer.open(base, "/mailbox")) {
            String id = peer.request("id");
            assertEquals("error", peer.request("boom"));
            assertEquals("ack", peer.request("send"));
            assertEquals("sendHandler=true", mailbox.request("ccl-handler-" + id));
            assertEquals("{decoder=true, encoder=true, onError=true, onMessage=true, onOpen=true}",
                    peer.request("summary"));

            assertEquals(1000, peer.closeWith(1000, "done").code());
            assertEquals("{decoder=true, onClose=true, onError=true, onMessage=true, onOpen=true}",
                    mailbox.request("ccl-" + id));
        }
    }
}
