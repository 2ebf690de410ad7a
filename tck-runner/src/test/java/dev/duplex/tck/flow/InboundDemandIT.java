package dev.duplex.tck.flow;

import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.WebSocketClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Inbound demand (DESIGN.md §3 rule 5, docs/configuration.md "Fixed behaviour"): a connection whose application is
 * behind stops reading, so TCP pushes back on the peer, and reads again when the application catches up; the server
 * holds at most about the documented 256 KiB of received-but-unprocessed bytes per connection, plus the message being
 * assembled, however hard the client pushes.
 *
 * <p>How it is measured. A raw client ({@link FloodClient}) floods 48 MiB in 64 KiB binary messages as fast as its
 * socket takes them. The endpoint processes a message only when the test grants a permit ({@link InboundProbe});
 * the test grants them in batches whenever the client is blocked. The embedded container runs in this JVM, so at any
 * moment the bytes the server process holds in user space (container buffers, Duplex's queue, a half-assembled
 * message) are: bytes the client's socket accepted, minus what the kernel still holds for the connection (client
 * send queue and server receive queue, from {@code /proc/net/tcp}: {@link KernelQueues}), minus the messages the
 * application has been handed. The test samples that whenever the client is blocked while the application sits on a
 * message (then nothing moves and the server's backlog is at its fullest), and asserts it never exceeds the bound.
 * It also checks that the client really was blocked well before the end while the application was stalled, that
 * reading resumed each time the application caught up, and that every message arrived intact and in order.
 */
@ExtendWith(ArquillianExtension.class)
class InboundDemandIT {

    /** Documented: received bytes waiting for the application before a connection stops reading. */
    static final long INBOUND_LIMIT = 256 * 1024;
    static final int FRAME = RawFrames.clientFrameSize(InboundProbe.MESSAGE_BYTES);
    /**
     * The bound on what the server process may hold: the inbound limit, the message that crossed it, the message
     * being assembled, and 64 KiB of container and Duplex read buffers (Tomcat 8 KiB, Undertow 16 KiB, Duplex 8 KiB).
     */
    static final long BOUND = INBOUND_LIMIT + 2L * FRAME + 64 * 1024;
    static final long MESSAGES = 768; // 48 MiB
    static final int BATCH = 128;
    static final Duration QUIET = Duration.ofMillis(300);
    /** How long a client blocked while the application has permits left may wait before reading must have resumed. */
    static final Duration RESUME = Duration.ofSeconds(10);

    @ArquillianResource
    private URL base;

    private long maxHeld;
    private int samples;
    private String maxHeldAt = "";

    @Deployment(testable = false)
    static WebArchive deployment() {
        // InboundProbe stays out of the WAR on purpose: the endpoint gets the test's copy through the parent loader.
        return DuplexWar.create("flow-inbound", SlowConsumerEndpoint.class);
    }

    @BeforeEach
    void reset() {
        InboundProbe.reset();
    }

    @AfterEach
    void releaseTheApplication() {
        InboundProbe.release(1_000_000);
    }

    @Test
    void slowApplicationPushesBackOnTheClientAndMemoryStaysBounded() throws Exception {
        assumeTrue(KernelQueues.available(), "needs /proc/net/tcp (Linux) to see what the kernel holds");
        URI uri = WebSocketClient.uri(base, "/flow/slow");
        try (FloodClient client = FloodClient.connect(uri, 64 * 1024)) {
            int clientPort = client.localPort();
            int serverPort = client.remotePort();
            Runnable sample = () -> sampleIfQuiescent(client, clientPort, serverPort);

            // 1. The application takes the first message and sits on it: the server must stop reading.
            boolean blocked = client.pump(MESSAGES, QUIET);
            assertTrue(blocked, "the client wrote all " + MESSAGES + " messages (" + client.dataBytesWritten()
                    + " bytes) while the application processed none: the server did not stop reading");
            long blockedAt = client.dataBytesWritten();
            KernelQueues.Queued kernel = KernelQueues.of(clientPort, serverPort);
            assertTrue(blockedAt < MESSAGES * FRAME / 2, "the client got " + blockedAt + " bytes out before it was"
                    + " blocked (kernel holds " + kernel + ")");
            assertTrue(kernel.serverReceive() > 0, "the server's receive queue holds the unread bytes: " + kernel);
            assertEquals(1, InboundProbe.started(), "messages handed to the stalled application");
            sample.run();

            // 2. The application catches up in batches; each time reading must resume, and the bound must hold.
            while (client.messagesWritten() < MESSAGES) {
                InboundProbe.release(BATCH);
                long writtenBefore = client.dataBytesWritten();
                blocked = client.pump(MESSAGES, QUIET);
                if (blocked) {
                    sample.run();
                }
                if (blocked && client.dataBytesWritten() == writtenBefore && InboundProbe.idlePermits() > 0) {
                    // The application waits for data and the client is blocked: reading must resume.
                    client.pump(MESSAGES, RESUME);
                    assertTrue(client.dataBytesWritten() > writtenBefore, "reading never resumed: the application"
                            + " caught up (" + InboundProbe.finished() + " messages processed, "
                            + InboundProbe.idlePermits() + " permits unused) but the client stayed blocked at "
                            + writtenBefore + " bytes for " + RESUME.plus(QUIET) + "; pings answered: "
                            + client.pingsAnswered() + "; kernel: " + KernelQueues.of(clientPort, serverPort));
                }
            }
            InboundProbe.release((int) MESSAGES);
            assertTrue(InboundProbe.awaitFinished(MESSAGES, 60_000), "processed " + InboundProbe.finished()
                    + " of " + MESSAGES + " messages");

            assertNull(InboundProbe.error(), "order and content");
            assertEquals(MESSAGES, InboundProbe.started(), "messages received");
            assertTrue(maxHeld <= BOUND, "the server held " + maxHeld + " bytes (" + maxHeldAt + "); bound " + BOUND
                    + " = inbound limit " + INBOUND_LIMIT + " + two messages + buffers");
            assertTrue(samples >= 3, "quiescent samples taken: " + samples);

            RawFrames.Frame close = client.closeAndAwaitReply(1000, Duration.ofSeconds(30));
            assertNotNull(close, "the server's close reply");
            assertEquals(1000, close.closeCode(), "close code; reason " + close.closeReason());
        }
    }

    /**
     * Records the bytes the server process holds for the connection, when nothing moves: the client is blocked and
     * the application sits on a message with no permit left, so the server is paused with its backlog full. (While
     * data flows, the three readings cannot be taken at one instant: the server reads megabytes a millisecond.)
     */
    private void sampleIfQuiescent(FloodClient client, int clientPort, int serverPort) {
        if (InboundProbe.idlePermits() > 0 || InboundProbe.started() != InboundProbe.finished() + 1) {
            return;
        }
        samples++;
        try {
            long written = client.dataBytesWritten();
            long handed = InboundProbe.started() * FRAME;
            KernelQueues.Queued kernel = KernelQueues.of(clientPort, serverPort);
            long held = written - handed - kernel.total();
            if (held > maxHeld) {
                maxHeld = held;
                maxHeldAt = "client wrote " + written + ", application handed " + InboundProbe.started()
                        + " messages, kernel " + kernel;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
