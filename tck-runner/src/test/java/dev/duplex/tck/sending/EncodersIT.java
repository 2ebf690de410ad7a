package dev.duplex.tck.sending;

import dev.duplex.tck.messaging.Mailbox;
import dev.duplex.tck.messaging.MailboxEndpoint;
import dev.duplex.tck.messaging.Peer;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encoders of the four kinds ({@code Encoder.Text}, {@code TextStream}, {@code Binary}, {@code BinaryStream}) used
 * by {@code sendObject} on the basic and async remotes: the right encoder (also for a subclass), one instance per
 * session with {@code init} and {@code destroy}, an {@code EncodeException} carrying the object, and a
 * developer encoder winning over the default one for a primitive box.
 */
@ExtendWith(ArquillianExtension.class)
class EncodersIT {

    private static final Pattern ENCODED = Pattern.compile("(\\w+)#(\\d+):(.*)");

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("encoders", EncoderEndpoints.class, TestEncoders.class, Mailbox.class,
                MailboxEndpoint.class);
    }

    /**
     * Each encoder kind encodes its type, for text kinds into a text message and for binary kinds into a binary
     * one, through both remotes. WSC-4.1.2-1, WSC-3-1, javadoc 56, 58, 61, 63, 96, 109, 190.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"basic, text, Text", "basic, textstream, TextStream", "basic, binary, Binary",
            "basic, binarystream, BinaryStream", "async, text, Text", "async, textstream, TextStream",
            "async, binary, Binary", "async, binarystream, BinaryStream"})
    void eachEncoderKindEncodes(String remote, String kind, String encoder) throws Exception {
        try (Peer peer = Peer.open(base, "/encode")) {
            Matcher encoded = send(peer, remote + ":" + kind + ":v\u00e4lue", kind.startsWith("binary"));

            assertEquals(encoder, encoded.group(1));
            assertEquals("v\u00e4lue", encoded.group(3));
        }
    }

    /**
     * An object of a subclass of an encoder's type is encoded by that encoder. WSC-4.1.2-1 ("same class or a
     * sub-class").
     */
    @Test
    void subclassUsesTheSuperclassEncoder() throws Exception {
        try (Peer peer = Peer.open(base, "/encode")) {
            assertEquals("Text", send(peer, "basic:special:x", false).group(1));
        }
    }

    /**
     * An encoder's {@code EncodeException} reaches the application, from the basic remote directly and from the
     * async remote in the Future's {@code ExecutionException}, carrying the object and the message; the session
     * still works. Javadoc 51, 53, 61, 62, 97, 111.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basic", "async"})
    void encodeExceptionCarriesTheObject(String remote) throws Exception {
        try (Peer peer = Peer.open(base, "/encode")) {
            assertEquals("EncodeException object=true message=cannot encode poison p",
                    peer.request(remote + ":poison:p"));
            assertEquals("Text", send(peer, remote + ":text:after", false).group(1));
        }
    }

    /** Each session has its own encoder instance, reused for all its sends. WSC-4.1.2-1 (§4.1.2). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "binarystream"})
    void oneEncoderInstancePerSession(String kind) throws Exception {
        boolean binary = kind.startsWith("binary");
        try (Peer a = Peer.open(base, "/encode"); Peer b = Peer.open(base, "/encode")) {
            String a1 = send(a, "basic:" + kind + ":a1", binary).group(2);
            String b1 = send(b, "basic:" + kind + ":b1", binary).group(2);
            String a2 = send(a, "async:" + kind + ":a2", binary).group(2);
            String b2 = send(b, "basic:" + kind + ":b2", binary).group(2);

            assertEquals(a1, a2, "session A's encoder instance");
            assertEquals(b1, b2, "session B's encoder instance");
            assertNotEquals(a1, b1, "sessions A and B share an encoder instance");
        }
    }

    /**
     * A session's encoder gets {@code init(EndpointConfig)} before use and {@code destroy()} once, after the session
     * closed. Javadoc 54, 55.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "textstream", "binary", "binarystream"})
    void initBeforeUseAndDestroyAfterClose(String kind) throws Exception {
        try (Peer peer = Peer.open(base, "/encode"); Peer mailbox = Peer.open(base, "/mailbox")) {
            String serial = send(peer, "basic:" + kind + ":x", kind.startsWith("binary")).group(2);
            assertEquals("init", mailbox.request("encoder-" + serial), "while the session is open");

            assertEquals(1000, peer.closeWith(1000, "done").code());
            assertEquals("init\ndestroy", mailbox.request("encoder-" + serial + "|2"), "after the session closed");
        }
    }

    /**
     * A developer-provided encoder for {@code Integer} overrides the container's default encoder. Javadoc 96, 97
     * ("A developer-provided encoder for a Java primitive type and its object equivalent overrides the container
     * default encoder"), 109.
     */
    @Test
    void developerEncoderOverridesDefaultForBox() throws Exception {
        try (Peer peer = Peer.open(base, "/encode/integer")) {
            assertEquals("custom-int:5", peer.request("5"));
        }
    }

    private static Matcher send(Peer peer, String command, boolean binary) throws Exception {
        peer.send(command);
        String reply = binary ? new String(peer.nextBinary(), StandardCharsets.UTF_8) : peer.nextText();
        Matcher matcher = ENCODED.matcher(reply);
        assertTrue(matcher.matches(), "not an encoded item: " + reply);
        return matcher;
    }
}
