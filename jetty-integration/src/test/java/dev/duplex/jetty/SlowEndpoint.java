package dev.duplex.jetty;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A deliberately slow consumer (about 2 ms per message) that measures, at the start of each message, how many
 * bytes the server has read off the wire but the application has not yet finished with. Without inbound
 * back-pressure that backlog grows to nearly the whole flood; with it, it stays near Duplex's inbound limit.
 */
@ServerEndpoint("/slow")
public class SlowEndpoint {

    /** Wire bytes of one message of {@link #MESSAGE} payload bytes from a client: 2 + 2 (length) + 4 (mask). */
    static final int MESSAGE = 60_000;
    static final int WIRE = MESSAGE + 8;

    static volatile LongSupplier wireBytes = () -> 0;
    static volatile long baseline;
    static final AtomicLong processed = new AtomicLong();
    static final AtomicLong maxBacklog = new AtomicLong();
    static final AtomicLong messages = new AtomicLong();

    static void reset(LongSupplier wire) {
        wireBytes = wire;
        baseline = wire.getAsLong();
        processed.set(0);
        maxBacklog.set(0);
        messages.set(0);
    }

    @OnMessage(maxMessageSize = MESSAGE)
    public void message(byte[] data, Session session) throws IOException {
        long backlog = wireBytes.getAsLong() - baseline - processed.get();
        maxBacklog.accumulateAndGet(backlog, Math::max);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the slowness under test, not a synchronisation
        processed.addAndGet(data.length + 8L);
        messages.incrementAndGet();
        if (data.length < MESSAGE) {
            session.getBasicRemote().sendText("done " + messages.get());
        }
    }
}
