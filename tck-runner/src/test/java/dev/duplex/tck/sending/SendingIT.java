package dev.duplex.tck.sending;

import dev.duplex.tck.messaging.Peer;
import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.WebSocketEvent.Pong;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code RemoteEndpoint.Basic} and {@code RemoteEndpoint.Async}: whole and partial text and binary, streams and
 * writers, {@code sendObject} with default and custom encoders, pings and pongs, the Future and SendHandler
 * completions, send timeouts and null arguments.
 */
@ExtendWith(ArquillianExtension.class)
class SendingIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("sending", BasicSenderEndpoint.class, AsyncSenderEndpoint.class, Point.class);
    }

    /** Basic whole and partial text sends arrive as one message each. Javadoc 112, 114. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "text-parts"})
    void basicTextWholeAndInParts(String command) throws Exception {
        try (Peer peer = Peer.open(base, "/basic")) {
            assertEquals("hello", peer.request(command));
        }
    }

    /** Basic whole and partial binary sends arrive as one message each. Javadoc 105, 107. */
    @Test
    void basicBinaryWholeAndInParts() throws Exception {
        try (Peer peer = Peer.open(base, "/basic")) {
            peer.send("binary");
            assertArrayEquals(new byte[] {1, 2, 3}, peer.nextBinary());
            peer.send("binary-parts");
            assertArrayEquals(new byte[] {1, 2, 3, 4}, peer.nextBinary());
        }
    }

    /**
     * What is written to {@code getSendWriter} / {@code getSendStream} arrives as one whole message once it is
     * closed, even across an intermediate {@code flush()}, and the next send follows it. Javadoc 101, 103.
     */
    @Test
    void sendWriterAndSendStreamDeliverOneMessageOnClose() throws Exception {
        try (Peer peer = Peer.open(base, "/basic")) {
            assertEquals(BasicSenderEndpoint.BIG, peer.request("writer"));
            assertEquals("after writer", peer.nextText());

            peer.send("stream");
            assertArrayEquals(new byte[] {9, 8, 7, 6, 5}, peer.nextBinary());
            assertEquals("after stream", peer.nextText());
        }
    }

    /**
     * {@code sendObject} encodes primitives, boxes and strings by default, as their standard string form, and a
     * custom type through the endpoint's encoder. WSC-4.1.2-1, WSC-4.7-3 (standard string form), javadoc 109,
     * 190.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"int, 42", "Long, 7", "boolean, true", "Double, 1.5", "char, c", "String, str",
            "Point, 'point(1,2)'"})
    void basicSendObject(String type, String expected) throws Exception {
        try (Peer peer = Peer.open(base, "/basic")) {
            assertEquals(expected, peer.request("object:" + type));
        }
    }

    /**
     * {@code sendObject} of a type without encoder throws {@code EncodeException} to the application, carrying
     * the object; nothing is sent. Javadoc 109, 111, 53.
     */
    @Test
    void basicSendObjectWithoutEncoderThrowsEncodeException() throws Exception {
        try (Peer peer = Peer.open(base, "/basic")) {
            assertEquals("EncodeException object=true", peer.request("object:none"));
        }
    }

    /**
     * A ping of 125 bytes is sent and the client's pong comes back to the endpoint's pong method; 126 bytes throw
     * {@code IllegalArgumentException} for ping and pong. An unsolicited pong reaches the client. Javadoc 85, 87,
     * 88, 90; RFC 6455 §5.5 (control payload at most 125 bytes).
     */
    @Test
    void pingAndPongPayloadLimits() throws Exception {
        try (Peer peer = Peer.open(base, "/basic")) {
            assertEquals("ping-125 sent", peer.request("ping-125"));
            assertEquals("pong:125", peer.nextText());
            assertEquals("ping-126 IllegalArgumentException", peer.request("ping-126"));

            peer.send("pong-125");
            assertEquals(125, peer.listener().next(Pong.class).payload().length);
            assertEquals("pong-125 sent", peer.nextText());
            assertEquals("pong-126 IllegalArgumentException", peer.request("pong-126"));
        }
    }

    /**
     * After a successful send, the {@code ByteBuffer} given to {@code sendBinary} (basic whole and partial, async
     * Future and SendHandler), {@code sendPing} and {@code sendPong} has its position at its unchanged limit.
     * Javadoc 85, 88, 94, 95, 105, 107 (the 2.2 javadoc of these methods: "the buffer's limit will be unchanged
     * and the buffer's position will be equal to the limit").
     */
    @Test
    void sentBuffersAreConsumed() throws Exception {
        try (Peer peer = Peer.open(base, "/basic")) {
            peer.send("buffers");
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(new byte[] {1, 2, 3}, peer.nextBinary());
            }
            assertArrayEquals(new byte[] {1, 2, 3}, peer.listener().next(Pong.class).payload());
            assertEquals("basic ok,basic partial ok,async future ok,async handler ok,pong ok,ping ok",
                    peer.nextText());
            assertEquals("pong:3", peer.nextText(), "the client's answer to the ping");
        }
    }

    /** Every basic send method rejects {@code null} with {@code IllegalArgumentException}. Javadoc 105-114. */
    @Test
    void basicSendsRejectNull() throws Exception {
        try (Peer peer = Peer.open(base, "/basic")) {
            assertEquals(String.join(",", java.util.Collections.nCopies(5, "IllegalArgumentException")),
                    peer.request("nulls"));
        }
    }

    /**
     * The {@code Future} of an async send completes with {@code null} after the message was sent. Javadoc 94, 96,
     * 99.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "binary", "object:Point", "object:int"})
    void asyncFutureCompletesAfterSend(String what) throws Exception {
        try (Peer peer = Peer.open(base, "/async")) {
            peer.send("future-" + what);
            switch (what) {
                case "text" -> assertEquals("async text", peer.nextText());
                case "binary" -> assertArrayEquals(new byte[] {1, 2, 3}, peer.nextBinary());
                case "object:Point" -> assertEquals("point(3,4)", peer.nextText());
                default -> assertEquals("99", peer.nextText());
            }
            assertEquals("future done value=null isDone=true", peer.nextText());
        }
    }

    /**
     * The {@code SendHandler} of an async send gets an OK {@code SendResult} whose {@code getSession()} (new in
     * 2.2) is the sending session. Javadoc 95, 97, 98, 116, 117, 118.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "binary", "object:Point"})
    void asyncSendHandlerGetsOkResultWithSession(String what) throws Exception {
        try (Peer peer = Peer.open(base, "/async")) {
            peer.send("handler-" + what);
            switch (what) {
                case "text" -> assertEquals("async text", peer.nextText());
                case "binary" -> assertArrayEquals(new byte[] {1, 2, 3}, peer.nextBinary());
                default -> assertEquals("point(3,4)", peer.nextText());
            }
            assertEquals("handler isOK=true exception=null sameSession=true", peer.nextText());
        }
    }

    /**
     * An async {@code sendObject} of a type without encoder fails with an {@code EncodeException} carrying the
     * object: through the Future's {@code ExecutionException}, or the {@code SendResult}. Javadoc 96, 97, 117,
     * 118, 53.
     */
    @Test
    void asyncSendObjectWithoutEncoderFails() throws Exception {
        try (Peer peer = Peer.open(base, "/async")) {
            assertEquals("future failed EncodeException object=true", peer.request("future-object:none"));
            assertEquals("handler isOK=false exception=EncodeException object=true sameSession=true",
                    peer.request("handler-object:none"));
        }
    }

    /**
     * The async send timeout starts at the container's default and {@code setSendTimeout} changes it.
     * Javadoc 93, 100, 165.
     */
    @Test
    void asyncSendTimeoutDefaultsToContainerAndCanBeSet() throws Exception {
        try (Peer peer = Peer.open(base, "/async")) {
            String reply = peer.request("timeout");
            String containerDefault = reply.replaceAll(".* container=(-?\\d+) .*", "$1");

            assertEquals("initial=" + containerDefault + " container=" + containerDefault + " after=1234", reply);
        }
    }

    /** Every async send method rejects a {@code null} message or handler. Javadoc 94-99. */
    @Test
    void asyncSendsRejectNull() throws Exception {
        try (Peer peer = Peer.open(base, "/async")) {
            assertEquals(String.join(",", java.util.Collections.nCopies(7, "IllegalArgumentException")),
                    peer.request("nulls"));
        }
    }
}
