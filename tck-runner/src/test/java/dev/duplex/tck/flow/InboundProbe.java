package dev.duplex.tck.flow;

import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deliberately slow application of {@link InboundDemandIT}, and what the test learns from it. The endpoint
 * ({@link SlowConsumerEndpoint}, in the WAR) hands each message to {@link #consume}, which checks its number and
 * content and then waits for a permit that only the test grants: the application is exactly as far behind as the
 * test wants.
 *
 * <p>This class is deliberately NOT in the test WAR: the web application's class loader does not find it, asks its
 * parent (in an embedded container, the test class path) and gets this very class, so the endpoint and the test
 * share its static state in the one JVM. It holds only JDK types, never an object of the web application, so it
 * pins no class loader. Thread-safe: Duplex's dispatcher threads call {@link #consume}, the test thread the rest.
 */
public final class InboundProbe {

    /** Size of every message the client sends: 8-byte sequence number, then bytes derived from it. */
    public static final int MESSAGE_BYTES = 64 * 1024;

    private static final Semaphore PERMITS = new Semaphore(0);
    private static final AtomicLong STARTED = new AtomicLong();
    private static final AtomicLong FINISHED = new AtomicLong();
    private static volatile String error;

    private InboundProbe() {
    }

    /** Before each test: nothing received, no permit. */
    public static synchronized void reset() {
        PERMITS.drainPermits();
        STARTED.set(0);
        FINISHED.set(0);
        error = null;
    }

    /** Called by the endpoint for each whole message; returns once the test granted a permit (or after 30 s). */
    public static void consume(ByteBuffer message) {
        long expected = STARTED.getAndIncrement();
        String problem = check(message, expected);
        if (problem != null && error == null) {
            error = problem;
        }
        try {
            if (!PERMITS.tryAcquire(30, TimeUnit.SECONDS)) {
                error = "message " + expected + " waited 30 s for a permit";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (InboundProbe.class) {
            FINISHED.incrementAndGet();
            InboundProbe.class.notifyAll();
        }
    }

    /** Lets the application process {@code messages} more messages. */
    public static void release(int messages) {
        PERMITS.release(messages);
    }

    /** Messages whose {@code @OnMessage} call has started (the application holds them). */
    public static long started() {
        return STARTED.get();
    }

    public static long finished() {
        return FINISHED.get();
    }

    /** Permits granted and not yet used: more than zero means the application waits for data. */
    public static int idlePermits() {
        return PERMITS.availablePermits();
    }

    /** The first order or content violation seen, or null. */
    public static String error() {
        return error;
    }

    /** Waits until {@code count} messages were processed; false on timeout. */
    public static boolean awaitFinished(long count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (InboundProbe.class) {
            while (FINISHED.get() < count) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                InboundProbe.class.wait(left);
            }
            return true;
        }
    }

    /** The payload of message {@code seq}. */
    public static byte[] payload(long seq) {
        byte[] bytes = new byte[MESSAGE_BYTES];
        ByteBuffer.wrap(bytes).putLong(seq);
        for (int i = 8; i < bytes.length; i++) {
            bytes[i] = (byte) (seq * 31 + i);
        }
        return bytes;
    }

    private static String check(ByteBuffer message, long expected) {
        if (message.remaining() != MESSAGE_BYTES) {
            return "message " + expected + " has " + message.remaining() + " bytes, not " + MESSAGE_BYTES;
        }
        long seq = message.getLong(message.position());
        if (seq != expected) {
            return "expected message " + expected + ", got message " + seq + " (out of order or lost)";
        }
        for (int i = 8; i < MESSAGE_BYTES; i++) {
            if (message.get(message.position() + i) != (byte) (seq * 31 + i)) {
                return "message " + seq + " is corrupt at byte " + i;
            }
        }
        return null;
    }
}
