package dev.duplex.tck.messaging;

import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.WebSocketEvent.Close;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;

import static dev.duplex.tck.messaging.LimitEndpoints.BINARY_LIMIT;
import static dev.duplex.tck.messaging.LimitEndpoints.TEXT_LIMIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incoming message limits set with {@code Session.setMaxTextMessageBufferSize},
 * {@code setMaxBinaryMessageBufferSize} and {@code @OnMessage(maxMessageSize)}: a message at the limit is
 * delivered, a bigger one closes the session with 1009 and a reason naming the limit.
 *
 * <p>Most tests first exchange one small message, so that the message under test arrives after {@code @OnOpen}
 * returned (where the session limits are set); the last two cover messages sent while {@code @OnOpen} runs.
 */
@ExtendWith(ArquillianExtension.class)
class MessageSizeLimitsIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("message-size-limits", LimitEndpoints.class);
    }

    /** A text and a binary message exactly at the limits are delivered. Javadoc 80, 148, 150. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"session", "annotated", "handler"})
    void messagesAtTheLimitAreDelivered(String how) throws Exception {
        try (Peer peer = open(how)) {
            assertEquals("text:" + TEXT_LIMIT, peer.request("t".repeat(TEXT_LIMIT)));

            peer.sendBinary(new byte[BINARY_LIMIT]);
            assertEquals("binary:" + BINARY_LIMIT, peer.nextText());
        }
    }

    /**
     * A text message one byte over the limit closes the session with 1009 and a reason naming the limit.
     * WSC-4.7.1-1, javadoc 80, 133, 150.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"session", "annotated", "handler"})
    void textOverTheLimitClosesWith1009(String how) throws Exception {
        try (Peer peer = open(how)) {
            peer.send("t".repeat(TEXT_LIMIT + 1));

            assertTooBig(peer.nextClose(), TEXT_LIMIT);
        }
    }

    /**
     * A binary message one byte over the limit closes the session with 1009 and a reason naming the limit.
     * WSC-4.7.1-1, javadoc 80, 131, 148.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"session", "annotated", "handler"})
    void binaryOverTheLimitClosesWith1009(String how) throws Exception {
        try (Peer peer = open(how)) {
            peer.sendBinary(new byte[BINARY_LIMIT + 1]);

            assertTooBig(peer.nextClose(), BINARY_LIMIT);
        }
    }

    /**
     * The limit applies to the whole message, not to each frame: two 60-byte fragments exceed a 100-byte limit.
     * WSC-4.7.1-1, javadoc 133.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"session", "annotated"})
    void fragmentsAddUpToTheLimit(String how) throws Exception {
        try (Peer peer = open(how)) {
            peer.sendPart("f".repeat(60), false);
            peer.sendPart("f".repeat(60), true);

            assertTooBig(peer.nextClose(), TEXT_LIMIT);
        }
    }

    /** The getters return what the setters set. Javadoc 131, 133, 148, 150. */
    @Test
    void gettersReturnTheSessionLimits() throws Exception {
        try (Peer peer = Peer.open(base, "/limit/session")) {
            peer.request("warm up");
            assertEquals("text=" + TEXT_LIMIT + " binary=" + BINARY_LIMIT, peer.request("limits"));
        }
    }

    /**
     * A message over the {@code @OnMessage(maxMessageSize)} limit that arrives while {@code @OnOpen} is still running
     * (it takes 300 ms) closes the session with 1009: the annotation's limit holds from the start.
     * WSC-4.7.1-1, javadoc 80.
     */
    @Test
    void annotatedLimitAppliesWhileOnOpenRuns() throws Exception {
        try (Peer peer = Peer.open(base, "/limit/slow-annotated")) {
            peer.send("t".repeat(TEXT_LIMIT + 1));

            assertTooBig(peer.nextClose(), TEXT_LIMIT);
        }
    }

    /**
     * A message over the limit that {@code @OnOpen} sets (after 300 ms), sent by the client while {@code @OnOpen}
     * runs, closes the session with 1009: the endpoint receives messages only after {@code @OnOpen} returned, so the
     * limit it set there applies to all of them. Javadoc 133, 150, WSC-5.1-3.
     */
    @Test
    void sessionLimitSetInOnOpenAppliesToMessageSentMeanwhile() throws Exception {
        try (Peer peer = Peer.open(base, "/limit/slow-session")) {
            peer.send("t".repeat(TEXT_LIMIT + 1));

            assertTooBig(peer.nextClose(), TEXT_LIMIT);
        }
    }

    /** Connects and exchanges one small message, so that {@code @OnOpen} has returned. */
    private Peer open(String how) throws Exception {
        Peer peer = Peer.open(base, "/limit/" + how);
        peer.request("warm up");
        return peer;
    }

    private static void assertTooBig(Close close, int limit) {
        assertEquals(1009, close.code(), "close code; reason \"" + close.reason() + "\"");
        assertTrue(close.reason().contains(Integer.toString(limit)),
                "the reason names the limit " + limit + ": \"" + close.reason() + "\"");
    }
}
