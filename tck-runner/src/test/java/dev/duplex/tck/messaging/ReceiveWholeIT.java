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
 * Annotated {@code @OnMessage} methods receive whole messages as every type the API allows: {@code String},
 * {@code Reader}, {@code byte[]}, {@code ByteBuffer}, {@code InputStream}, {@code PongMessage}, and primitives or
 * their boxes decoded from text.
 */
@ExtendWith(ArquillianExtension.class)
class ReceiveWholeIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("receive-whole", WholeEndpoints.class);
    }

    /**
     * A text message reaches {@code @OnMessage} as a {@code String} and as a {@code Reader}.
     * WSC-2.2.3-1 (the {@code @OnMessage} method is called when a message arrives), javadoc 79.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/whole/string, String", "/whole/reader, Reader"})
    void wholeTextMessageAsDeclaredType(String path, String type) throws Exception {
        try (Peer peer = Peer.open(base, path)) {
            String message = "caf\u00e9 \u20ac " + "x".repeat(5000);

            assertEquals(type + ":" + message, peer.request(message));
            assertEquals(1000, peer.closeWith(1000, "done").code());
        }
    }

    /**
     * A binary message reaches {@code @OnMessage} as {@code byte[]}, {@code ByteBuffer} and {@code InputStream},
     * every byte value intact. WSC-2.2.3-1, javadoc 79.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/whole/bytes, byte[]", "/whole/buffer, ByteBuffer", "/whole/stream, InputStream"})
    void wholeBinaryMessageAsDeclaredType(String path, String type) throws Exception {
        try (Peer peer = Peer.open(base, path)) {
            byte[] message = new byte[70_000];
            for (int i = 0; i < message.length; i++) {
                message[i] = (byte) i;
            }

            peer.sendBinary(message);

            assertEquals(type + ":" + new String(message, StandardCharsets.ISO_8859_1), peer.nextText());
            assertEquals(1000, peer.closeWith(1000, "done").code());
        }
    }

    /**
     * An unsolicited pong from the client reaches the {@code PongMessage} method with its application data.
     * WSC-2.2.5-2, javadoc 81 (PongMessage.getApplicationData).
     */
    @Test
    void unsolicitedPongReachesPongMethod() throws Exception {
        try (Peer peer = Peer.open(base, "/whole/pong")) {
            peer.sendPong("heartbeat");

            assertEquals("PongMessage:heartbeat", peer.nextText());
        }
    }

    /**
     * A ping sent by the server with {@code sendPing} is answered by the client's automatic pong, which reaches the
     * {@code PongMessage} method with the ping's data. WSC-2.2.5-2, javadoc 85 (sendPing; the pong is picked up by
     * the pong handler), 81.
     */
    @Test
    void answerToServerPingReachesPongMethod() throws Exception {
        try (Peer peer = Peer.open(base, "/whole/pong")) {
            peer.send("ping:are you there");

            assertEquals("PongMessage:are you there", peer.nextText());
        }
    }

    /**
     * A text message is converted to the primitive or boxed parameter type as by the box's String constructor.
     * WSC-4.7-2.
     */
    @ParameterizedTest(name = "{0} <- \"{1}\"")
    @CsvSource({"int, 42, 42", "Integer, -7, -7", "long, 9000000000, 9000000000", "Double, 2.5, 2.5",
            "boolean, true, true", "Byte, 127, 127"})
    void textConvertedToPrimitiveOrBox(String type, String text, String value) throws Exception {
        try (Peer peer = Peer.open(base, "/whole/" + type)) {
            assertEquals(type + ":" + value + " calls=1", peer.request(text));
        }
    }

    /**
     * Text that does not convert to the {@code int} parameter ("x") goes to {@code @OnError} as a
     * {@code DecodeException} carrying the text, and the {@code @OnMessage} method is not called; the session stays
     * usable. WSC-4.7-2, WSC-5.2.2-1, WSC-5.2.2-2, WSC-4.6-1, WSC-4.6-2, WSC-2.2.4-1.
     */
    @ParameterizedTest(name = "{0} <- \"{1}\"")
    @CsvSource({"int, x", "Integer, 4.5", "long, ''", "Byte, 300"})
    void unconvertibleTextGoesToOnErrorAsDecodeException(String type, String text) throws Exception {
        try (Peer peer = Peer.open(base, "/whole/" + type)) {
            assertEquals("error:DecodeException text=" + text + " calls=0", peer.request(text));
            assertEquals(type + ":1 calls=1", peer.request("1"), "the session still receives messages");
        }
    }
}
