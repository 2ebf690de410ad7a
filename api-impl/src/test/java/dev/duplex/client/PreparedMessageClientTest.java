package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.session.PreparedMessage;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PreparedMessage} on client sessions, whose frames are masked one by one and so cannot share one prepared
 * frame: each session gets a plain async send, and the peer (Tomcat's own WebSocket, an echo) gets the message
 * intact. A closed session gets a failed result naming it, and the others are not affected.
 */
class PreparedMessageClientTest {

    private static TomcatPeer tomcat;

    @BeforeAll
    static void startTomcat() throws Exception {
        tomcat = new TomcatPeer();
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        tomcat.close();
    }

    @Test
    void clientSessionsGetThePreparedMessageAsOrdinaryMaskedSends() throws Exception {
        try (WsClientContainer container = new WsClientContainer()) {
            ClientProbe first = new ClientProbe();
            ClientProbe second = new ClientProbe();
            ClientProbe closed = new ClientProbe();
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            Session a = container.connectToServer(first, config, tomcat.uri("/echo"));
            Session b = container.connectToServer(second, config, tomcat.uri("/echo"));
            Session c = container.connectToServer(closed, config, tomcat.uri("/echo"));
            c.close();

            BlockingQueue<SendResult> results = new LinkedBlockingQueue<>();
            PreparedMessage.text("héllo, everyone").sendTo(List.of(a, b, c), results::add);
            for (int i = 0; i < 3; i++) {
                SendResult result = results.poll(10, TimeUnit.SECONDS);
                assertTrue(result != null, "a result for each of the three sessions");
                if (result.getSession() == c) {
                    assertFalse(result.isOK(), "the closed session's send fails");
                } else {
                    assertTrue(result.isOK(), "send to " + result.getSession().getId() + ": " + result.getException());
                }
            }
            assertEquals("héllo, everyone", first.nextText());
            assertEquals("héllo, everyone", second.nextText());

            ByteBuffer data = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
            PreparedMessage binary = PreparedMessage.binary(data);
            assertEquals(4, data.remaining(), "the application's buffer is left as it was");
            assertEquals(4, binary.payloadLength());
            BlockingQueue<SendResult> one = new LinkedBlockingQueue<>();
            binary.sendAsync(a, one::add);
            SendResult result = one.poll(10, TimeUnit.SECONDS);
            assertTrue(result != null && result.isOK(),
                    "binary send: " + (result == null ? "none" : result.getException()));
            assertSame(a, result.getSession());
            ByteBuffer echoed = first.nextBinary();
            byte[] bytes = new byte[echoed.remaining()];
            echoed.get(bytes);
            assertArrayEquals(new byte[] {1, 2, 3, 4}, bytes);
            a.close();
            b.close();
        }
    }
}
