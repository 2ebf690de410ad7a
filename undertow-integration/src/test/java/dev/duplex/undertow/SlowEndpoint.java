package dev.duplex.undertow;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A deliberately slow consumer (about 1 ms per message): with executor dispatch its messages queue up, Duplex
 * stops reading at its inbound limit and resumes as the queue drains. A message shorter than {@link #MESSAGE} asks
 * for the count of messages handled so far, and a checksum of their first bytes in order (to check order and
 * content).
 */
@ServerEndpoint("/slow")
public class SlowEndpoint {

    static final int MESSAGE = 60_000;
    static final AtomicLong messages = new AtomicLong();
    static final AtomicLong checksum = new AtomicLong();

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
}
