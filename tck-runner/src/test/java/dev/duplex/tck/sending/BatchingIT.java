package dev.duplex.tck.sending;

import dev.duplex.tck.messaging.Peer;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Batching: off by default; with {@code setBatchingAllowed(true)} sends are held until {@code flushBatch()} or
 * {@code setBatchingAllowed(false)}, then all arrive in order. "Nothing arrives" is checked with a bounded quiet
 * period of {@value #QUIET_MILLIS} ms, the only way to observe that something is held back.
 */
@ExtendWith(ArquillianExtension.class)
class BatchingIT {

    private static final long QUIET_MILLIS = 500;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("batching", BatchingEndpoint.class);
    }

    /** Batching is off by default on both remotes. Javadoc 84. */
    @Test
    void batchingIsOffByDefault() throws Exception {
        try (Peer peer = Peer.open(base, "/batch")) {
            assertEquals("basic=false async=false", peer.request("state"));
        }
    }

    /**
     * Basic sends made while batching is allowed are held until {@code flushBatch()}, then arrive in order.
     * Javadoc 82, 84, 91.
     */
    @Test
    void batchedBasicSendsArriveOnFlush() throws Exception {
        try (Peer peer = Peer.open(base, "/batch")) {
            peer.send("batch-basic");
            peer.assertQuietFor(QUIET_MILLIS, "the sends were batched and not flushed");

            peer.send("flush");
            assertEquals("b1", peer.nextText());
            assertEquals("b2", peer.nextText());
            assertArrayEquals(new byte[] {3}, peer.nextBinary());
            assertEquals("disabled basic=false async=false", peer.request("disable"));
        }
    }

    /**
     * Async sends made while batching is allowed are held until batching is disallowed, which flushes them in
     * order. Javadoc 91, 92.
     */
    @Test
    void disallowingBatchingFlushes() throws Exception {
        try (Peer peer = Peer.open(base, "/batch")) {
            peer.send("batch-async");
            peer.assertQuietFor(QUIET_MILLIS, "the sends were batched and not flushed");

            peer.send("disable");
            assertEquals("c1", peer.nextText());
            assertEquals("c2", peer.nextText());
            assertArrayEquals(new byte[] {3}, peer.nextBinary());
            assertEquals("disabled basic=false async=false", peer.nextText());
        }
    }
}
