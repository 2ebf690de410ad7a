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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decoders of the four kinds ({@code Decoder.Text}, {@code TextStream}, {@code Binary}, {@code BinaryStream}) on
 * annotated endpoints: they decode, {@code willDecode} is consulted in declared order, there is one instance per
 * session with {@code init} before use and {@code destroy} after close, and a {@code DecodeException} goes to
 * {@code @OnError} instead of the message method.
 */
@ExtendWith(ArquillianExtension.class)
class DecodersIT {

    private static final Pattern DECODED = Pattern.compile("(\\w+)#(\\d+):(.*) calls=(\\d+)");

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("decoders", DecoderEndpoints.class, TestDecoders.class, Decoded.class,
                Mailbox.class, MailboxEndpoint.class);
    }

    /**
     * Each decoder kind turns a message of its native type into the custom object passed to {@code @OnMessage}.
     * WSC-3-1, WSC-4.1.3-1, javadoc 37, 40, 43, 46, 189.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"text, SecondText", "textstream, TextStream", "binary, Binary", "binarystream, BinaryStream"})
    void eachDecoderKindDecodes(String kind, String via) throws Exception {
        try (Peer peer = Peer.open(base, "/decode/" + kind)) {
            Matcher reply = decoded(send(peer, kind, "h\u00e9llo"));

            assertEquals(via, reply.group(1));
            assertEquals("h\u00e9llo", reply.group(3));
            assertEquals("1", reply.group(4));
        }
    }

    /**
     * Two text decoders for the same type: {@code willDecode} is asked in declared order, so the first decodes
     * what it accepts (although the second would accept it too) and the second decodes what the first refuses.
     * WSC-4.1.3-1, WSC-4.1.3-2, javadoc 45, 189 (ordered array of decoders).
     */
    @Test
    void willDecodeConsultedInDeclaredOrder() throws Exception {
        try (Peer peer = Peer.open(base, "/decode/text")) {
            assertEquals("FirstText", decoded(peer.request("first:a")).group(1));
            assertEquals("SecondText", decoded(peer.request("second:b")).group(1));
            assertEquals("FirstText", decoded(peer.request("first:c")).group(1));
        }
    }

    /**
     * Each session has its own decoder instance, reused for all its messages. §4.1.3 (a new instance per
     * connection per endpoint), WSC-4.1.3-1.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"text", "textstream", "binary", "binarystream"})
    void oneDecoderInstancePerSession(String kind) throws Exception {
        try (Peer a = Peer.open(base, "/decode/" + kind); Peer b = Peer.open(base, "/decode/" + kind)) {
            String a1 = decoded(send(a, kind, "a1")).group(2);
            String b1 = decoded(send(b, kind, "b1")).group(2);
            String a2 = decoded(send(a, kind, "a2")).group(2);
            String b2 = decoded(send(b, kind, "b2")).group(2);

            assertEquals(a1, a2, "session A's decoder instance");
            assertEquals(b1, b2, "session B's decoder instance");
            assertNotEquals(a1, b1, "sessions A and B share a decoder instance");
        }
    }

    /**
     * A session's decoder gets {@code init(EndpointConfig)} before it decodes and {@code destroy()} once, after
     * the session closed (not while it is open). Javadoc 35, 36.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"text", "textstream", "binary", "binarystream"})
    void initBeforeUseAndDestroyAfterClose(String kind) throws Exception {
        String serial;
        try (Peer peer = Peer.open(base, "/decode/" + kind); Peer mailbox = Peer.open(base, "/mailbox")) {
            serial = decoded(send(peer, kind, "x")).group(2);
            assertEquals("init", mailbox.request("decoder-" + serial), "while the session is open");

            assertEquals(1000, peer.closeWith(1000, "done").code());
            assertEquals("init\ndestroy", mailbox.request("decoder-" + serial + "|2"), "after the session closed");
        }
    }

    /**
     * A decoder's {@code DecodeException} goes to {@code @OnError} (with its data) and the {@code @OnMessage}
     * method is not called for that message; the next message is decoded and delivered. WSC-5.2.2-1,
     * WSC-5.2.2-2, WSC-4.6-2, WSC-2.2.4-1, javadoc 29-34, 38, 41, 44, 47, 68.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"text, text=bad", "textstream, text=bad", "binary, bytes=bad", "binarystream, bytes=bad"})
    void decodeExceptionGoesToOnErrorNotToMessageMethod(String kind, String data) throws Exception {
        try (Peer peer = Peer.open(base, "/decode/" + kind)) {
            assertEquals("error:DecodeException " + data + " calls=0", send(peer, kind, "bad"));

            Matcher next = decoded(send(peer, kind, "good"));
            assertEquals("good", next.group(3));
            assertEquals("1", next.group(4), "@OnMessage calls");
        }
    }

    private static String send(Peer peer, String kind, String message) throws Exception {
        if (kind.startsWith("text")) {
            return peer.request(message);
        }
        peer.sendBinary(message.getBytes(StandardCharsets.UTF_8));
        return peer.nextText();
    }

    private static Matcher decoded(String reply) {
        Matcher matcher = DECODED.matcher(reply);
        assertTrue(matcher.matches(), "not a decoded-message reply: " + reply);
        return matcher;
    }
}
