package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's I/O threads hand the callbacks of one pass to one pool thread, which runs them in turn; a callback
 * that blocks there must not hold up the other sessions' callbacks queued behind it (another pool thread takes them
 * over). Sessions share I/O threads (a quarter of the processors, at most four), so eight sessions beside the
 * blocked one share its I/O thread on any machine with fewer than 36 processors.
 */
class BlockingCallbackTest {

    private static TomcatPeer tomcat;

    @BeforeAll
    static void startTomcat() throws Exception {
        tomcat = new TomcatPeer();
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        tomcat.close();
    }

    /** Records the echoes it receives; the echo "block" makes its callback wait for {@link #gate}. */
    static final class Recorder extends Endpoint {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> {
                if (message.equals("block")) {
                    try {
                        gate.await(); // a callback that waits for another session's event
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                received.add(message);
            });
        }
    }

    @Test
    void aCallbackThatBlocksHoldsUpNoOtherSession() throws Exception {
        try (WsClientContainer container = new WsClientContainer()) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            Recorder blocked = new Recorder();
            Session blockedSession = container.connectToServer(blocked, config, tomcat.uri("/echo"));
            List<Recorder> others = new ArrayList<>();
            List<Session> otherSessions = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Recorder r = new Recorder();
                others.add(r);
                otherSessions.add(container.connectToServer(r, config, tomcat.uri("/echo")));
            }
            blockedSession.getBasicRemote().sendText("block");
            for (int round = 0; round < 3; round++) {
                for (Session s : otherSessions) {
                    s.getBasicRemote().sendText("round " + round);
                }
                for (int i = 0; i < others.size(); i++) {
                    assertEquals("round " + round, others.get(i).received.poll(10, TimeUnit.SECONDS),
                            "session " + i + ", round " + round + ", while another session's callback blocks");
                }
            }
            assertNull(blocked.received.poll(), "the blocked callback finished early");
            blocked.gate.countDown();
            assertEquals("block", blocked.received.poll(10, TimeUnit.SECONDS));
        }
    }
}
