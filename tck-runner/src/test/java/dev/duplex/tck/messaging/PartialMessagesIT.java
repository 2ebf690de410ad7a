package dev.duplex.tck.messaging;

import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Messages received in parts ({@code @OnMessage(T part, boolean last)}, {@code MessageHandler.Partial}) and as
 * streams ({@code Reader}, {@code InputStream}). The client sends a fragment ({@code last=false}) and waits for the
 * endpoint to report it before sending the next: a part, or a stream's first characters, must reach the
 * application before the message is complete.
 *
 * <p>Each test first exchanges one whole message, so that the message under test starts after {@code @OnOpen}
 * returned (where the handlers are registered); {@link #partsOfAMessageBegunDuringOnOpen} covers the other case.
 */
@ExtendWith(ArquillianExtension.class)
class PartialMessagesIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("partial-messages", PartialEndpoints.class);
    }

    /**
     * Each fragment reaches the annotated partial method as it arrives, in order, with {@code last} true only on
     * the final one. WSC-2.2.3-1, WSC-5.1.5 (parts delivered sequentially), javadoc 78 (Partial.onMessage: called
     * when the next part has been received).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/partial/string, String, true", "/partial/bytes, byte[], false",
            "/partial/buffer, ByteBuffer, false"})
    void annotatedPartialMethodGetsEachFragmentAsItArrives(String path, String type, boolean text) throws Exception {
        try (Peer peer = Peer.open(base, path)) {
            sendPartsOneByOne(peer, type, text);
        }
    }

    /**
     * The same through {@code Session.addMessageHandler(Class, MessageHandler.Partial)} with a lambda, and through
     * {@code addMessageHandler(MessageHandler)} with an anonymous {@code Partial<String>}. Javadoc 78, 121, 213;
     * WSC-5.1.5.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"String, String, true", "bytes, byte[], false", "ByteBuffer, ByteBuffer, false",
            "anonymous, String, true"})
    void partialHandlerGetsEachFragmentAsItArrives(String kind, String type, boolean text) throws Exception {
        try (Peer peer = Peer.open(base, "/partial-handler/" + kind)) {
            sendPartsOneByOne(peer, type, text);
        }
    }

    /**
     * An unfragmented (small) message reaches a partial method as one part with {@code last=true}. Javadoc 78.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/partial/string, String, true", "/partial/buffer, ByteBuffer, false"})
    void wholeMessageIsOneLastPart(String path, String type, boolean text) throws Exception {
        try (Peer peer = Peer.open(base, path)) {
            if (text) {
                peer.send("single");
            } else {
                peer.sendBinary("single".getBytes(StandardCharsets.ISO_8859_1));
            }
            assertEquals(type + ":single:true", peer.nextText());
        }
    }

    /**
     * A {@code Reader} / {@code InputStream} message is streamed: the endpoint reads and reports the first
     * fragment's content while the client still holds back the last fragment, then reads the rest to the end.
     * DESIGN §3.5 (streams receive data as it arrives), WSC-2.2.3-1, javadoc 79.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/stream/reader, true", "/stream/input, false", "/stream-handler, true",
            "/stream-handler, false"})
    void streamDeliversFirstFragmentBeforeLastIsSent(String path, boolean text) throws Exception {
        try (Peer peer = Peer.open(base, path)) {
            if (text) {
                peer.send("warm up");
            } else {
                peer.sendBinary(latin1("warm up"));
            }
            assertEquals("first:warm ", peer.nextText());
            assertEquals("whole:warm up", peer.nextText());

            if (text) {
                peer.sendPart("hello", false);
            } else {
                peer.sendBinaryPart(latin1("hello"), false);
            }
            assertEquals("first:hello", peer.nextText("the first fragment's content, before the last fragment"));

            if (text) {
                peer.sendPart(", wo", false).sendPart("rld", true);
            } else {
                peer.sendBinaryPart(latin1(", wo"), false).sendBinaryPart(latin1("rld"), true);
            }
            assertEquals("whole:hello, world", peer.nextText());
        }
    }

    /**
     * A {@code Reader} message whose first fragment arrives while {@code @OnOpen} is still running (it takes
     * 300 ms) is streamed too: the endpoint reports the first fragment before the client sends the last one.
     * DESIGN §3.5 ("streams (Reader/InputStream) receive data as it arrives, never buffered whole"), WSC-5.1-3.
     */
    @Test
    void partsOfAMessageBegunDuringOnOpen() throws Exception {
        try (Peer peer = Peer.open(base, "/stream/slow-open-reader")) {
            peer.sendPart("hello", false);
            assertEquals("first:hello", peer.nextText("the first fragment's content, before the last fragment"));

            peer.sendPart(", world", true);
            assertEquals("whole:hello, world", peer.nextText());
        }
    }

    private static void sendPartsOneByOne(Peer peer, String type, boolean text) throws Exception {
        warmUp(peer, type, text);
        String[] parts = {"ab", "cd", "ef"};
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            if (text) {
                peer.sendPart(parts[i], last);
            } else {
                peer.sendBinaryPart(latin1(parts[i]), last);
            }
            assertEquals(type + ":" + parts[i] + ":" + last, peer.nextText("the report of part " + i));
        }
    }

    /** One whole message and its one-part answer: {@code @OnOpen} has returned once the answer is here. */
    private static void warmUp(Peer peer, String type, boolean text) throws Exception {
        if (text) {
            peer.send("warm");
        } else {
            peer.sendBinary(latin1("warm"));
        }
        assertEquals(type + ":warm:true", peer.nextText("the answer to the warm-up message"));
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
