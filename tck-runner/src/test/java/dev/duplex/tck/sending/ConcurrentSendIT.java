package dev.duplex.tck.sending;

import dev.duplex.tck.messaging.Peer;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Sixteen server threads send on one session at once: every message arrives whole, each thread's messages in the
 * order it sent them, and no send throws (no {@code IllegalStateException} for overlapping sends). DESIGN §3.3
 * (sends never throw for overlap; whole messages from many threads are queued in order); RFC 6455 §5.4 (frames of
 * different messages are not interleaved); javadoc 99, 112.
 */
@ExtendWith(ArquillianExtension.class)
class ConcurrentSendIT {

    private static final int THREADS = 16;
    private static final int MESSAGES_PER_THREAD = 200;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("concurrent-send", HammerEndpoint.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basic", "async", "mixed"})
    void sixteenThreadsSendOnOneSession(String mode) throws Exception {
        try (Peer peer = Peer.open(base, "/hammer")) {
            peer.send(mode + ":" + THREADS + ":" + MESSAGES_PER_THREAD);

            int[] next = new int[THREADS];
            for (int i = 0; i < THREADS * MESSAGES_PER_THREAD; i++) {
                String message = peer.nextText("message " + i);
                String[] parts = message.split(":");
                if (parts.length != 3) {
                    fail("message " + i + " is not <thread>:<seq>:<padding>: " + message);
                }
                int thread = Integer.parseInt(parts[0]);
                int seq = Integer.parseInt(parts[1]);
                assertEquals(next[thread], seq, "thread " + thread + "'s messages out of order");
                assertEquals(String.valueOf((char) ('A' + thread % 26)).repeat(HammerEndpoint.PADDING), parts[2],
                        "padding of message " + message.substring(0, Math.min(20, message.length())));
                next[thread]++;
            }
            assertEquals("done errors=0 []", peer.nextText("the final report"));
        }
    }
}
