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
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code Session.addMessageHandler} (both the class-token overloads with lambdas and the classic overload with
 * anonymous classes), the one-handler-per-native-type rule, {@code removeMessageHandler} and
 * {@code getMessageHandlers}.
 */
@ExtendWith(ArquillianExtension.class)
class MessageHandlersIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("message-handlers", HandlerEndpoints.class);
    }

    /**
     * A {@code MessageHandler.Whole} registered for a text type gets whole text messages: with a lambda through
     * {@code addMessageHandler(Class, Whole)} and with an anonymous class through
     * {@code addMessageHandler(MessageHandler)}. Javadoc 79, 121, 212; WSC-2.1.3-1 (§2.1.3 registration).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"String, String", "anonymous, String", "Reader, Reader"})
    void wholeTextHandlerGetsMessage(String kind, String type) throws Exception {
        try (Peer peer = Peer.open(base, "/handlers/whole/" + kind)) {
            String message = "h\u00e9llo " + "y".repeat(3000);

            assertEquals(type + ":" + message, peer.request(message));
        }
    }

    /** A {@code MessageHandler.Whole} for a binary type gets whole binary messages. Javadoc 79, 212. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"bytes, byte[]", "ByteBuffer, ByteBuffer", "InputStream, InputStream"})
    void wholeBinaryHandlerGetsMessage(String kind, String type) throws Exception {
        try (Peer peer = Peer.open(base, "/handlers/whole/" + kind)) {
            byte[] message = new byte[300];
            for (int i = 0; i < message.length; i++) {
                message[i] = (byte) (255 - i);
            }

            peer.sendBinary(message);

            assertEquals(type + ":" + new String(message, StandardCharsets.ISO_8859_1), peer.nextText());
        }
    }

    /**
     * A {@code MessageHandler.Whole<PongMessage>} gets the client's unsolicited pong, and the client's automatic
     * answer to a ping the server sent with {@code sendPing}. WSC-2.2.5-2, javadoc 81, 85, 212.
     */
    @Test
    void pongHandlerGetsUnsolicitedPongAndAnswerToPing() throws Exception {
        try (Peer peer = Peer.open(base, "/handlers/whole/PongMessage")) {
            peer.sendPong("unsolicited");
            assertEquals("PongMessage:unsolicited", peer.nextText());

            peer.send("ping data");
            assertEquals("PongMessage:ping data", peer.nextText());
        }
    }

    /**
     * At most one handler per native message type (text, binary, pong): a second one, whatever its Java type or
     * whole/partial style, fails with {@code IllegalStateException}; {@code getMessageHandlers} holds the
     * registered handlers and is a copy (later changes do not show in it); after {@code removeMessageHandler} the
     * native type is free again, and messages go to the new handler. WSC-2.1.3-1, WSC-2.1.3-2, javadoc 121, 122,
     * 134, 147, 212, 213.
     */
    @Test
    void oneHandlerPerNativeTypeAndRemove() throws Exception {
        try (Peer peer = Peer.open(base, "/handlers/rules")) {
            String expected = String.join("\n",
                    "add Whole<String>: ok",
                    "add Whole<Reader>: IllegalStateException",
                    "add Partial<String>: IllegalStateException",
                    "add anonymous Whole<String>: IllegalStateException",
                    "add Whole<ByteBuffer>: ok",
                    "add Whole<byte[]>: IllegalStateException",
                    "add Whole<InputStream>: IllegalStateException",
                    "add Partial<byte[]>: IllegalStateException",
                    "add Whole<PongMessage>: ok",
                    "add second Whole<PongMessage>: IllegalStateException",
                    "handlers: 3 text=true binary=true pong=true",
                    "remove Whole<String>: ok",
                    "handlers after remove: 2 text=false; earlier copy: 3",
                    "add Whole<Reader> after remove: ok");

            String report = peer.request("report");
            assertEquals(expected, without(report, "add to the returned set", "clear the returned set"));
            assertEquals("Reader:hello", peer.request("hello"), "text goes to the handler added after the remove");
        }
    }

    /**
     * The set returned by {@code getMessageHandlers} is unmodifiable: {@code add} and {@code clear} throw
     * {@code UnsupportedOperationException}. Javadoc 134 ("Return an unmodifiable copy of the set of
     * MessageHandlers for this Session").
     */
    @Test
    void messageHandlerSetIsUnmodifiable() throws Exception {
        try (Peer peer = Peer.open(base, "/handlers/rules")) {
            String report = peer.request("report");

            assertEquals("add to the returned set: UnsupportedOperationException\n"
                            + "clear the returned set: UnsupportedOperationException",
                    only(report, "add to the returned set", "clear the returned set"));
        }
    }

    /**
     * Once a handler is chosen for a message it serves the whole message, even if the application replaces it
     * midway; the next message goes to the new handler. §2.1.3 (handler identified for the entirety of a
     * message), DESIGN §3.2, javadoc 147.
     */
    @Test
    void handlerChosenAtFirstPartServesWholeMessage() throws Exception {
        try (Peer peer = Peer.open(base, "/handlers/switch")) {
            assertEquals("partial:warm up:true", peer.request("warm up"), "a whole message, after @OnOpen returned");

            peer.sendPart("switch", false);
            assertEquals("partial:switch:false", peer.nextText());
            peer.sendPart("two", true);
            assertEquals("partial:two:true", peer.nextText(), "the rest of the message stays with its handler");

            assertEquals("whole:next", peer.request("next"));
        }
    }

    private static String without(String report, String... prefixes) {
        return report.lines().filter(line -> Arrays.stream(prefixes).noneMatch(line::startsWith))
                .collect(Collectors.joining("\n"));
    }

    private static String only(String report, String... prefixes) {
        return report.lines().filter(line -> Arrays.stream(prefixes).anyMatch(line::startsWith))
                .collect(Collectors.joining("\n"));
    }
}
