package dev.duplex.servlet.testing;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A deliberately slow consumer (about 1 ms per message): with executor dispatch its messages queue up, Duplex
 * stops reading at its inbound limit and resumes as the queue drains. A message shorter than {@link #MESSAGE} asks
 * for the count of messages handled so far, and a checksum of their first bytes in order (to check order and
 * content). {@link #floodAndCheck} is the test that goes with it.
 */
@ServerEndpoint("/slow")
public class SlowEndpoint {

    public static final int MESSAGE = 60_000;
    public static final AtomicLong messages = new AtomicLong();
    public static final AtomicLong checksum = new AtomicLong();

    @OnMessage(maxMessageSize = MESSAGE)
    public void message(byte[] data, Session session) throws IOException {
        if (data.length < MESSAGE) {
            session.getBasicRemote().sendText(messages.get() + " " + checksum.get());
            return;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // the slowness under test, not a synchronisation
        long n = messages.incrementAndGet();
        checksum.addAndGet(n * data[0] + data[data.length - 1]); // position-weighted: a reordering changes it
    }

    /** 200 messages of 60 kB to this endpoint as fast as they go, then the count and checksum it saw. */
    public static void floodAndCheck(JdkPeer peer) throws Exception {
        messages.set(0);
        checksum.set(0);
        int count = 200;
        long expected = 0;
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[MESSAGE];
            payload[0] = (byte) (i % 100);
            payload[payload.length - 1] = (byte) (i * 7 % 100);
            expected += (i + 1L) * (i % 100) + i * 7 % 100;
            peer.ws.sendBinary(ByteBuffer.wrap(payload), true).get(60, TimeUnit.SECONDS);
        }
        peer.ws.sendBinary(ByteBuffer.wrap(new byte[1]), true).get(60, TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertEquals(count + " " + expected, peer.messages.poll(60, TimeUnit.SECONDS));
    }
}
