package dev.duplex.servlet.conformance;

import static dev.duplex.servlet.conformance.ClientFrames.CLOSE;
import static dev.duplex.servlet.conformance.ClientFrames.CONTINUATION;
import static dev.duplex.servlet.conformance.ClientFrames.PING;
import static dev.duplex.servlet.conformance.ClientFrames.PONG;
import static dev.duplex.servlet.conformance.ClientFrames.TEXT;
import static dev.duplex.servlet.conformance.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Control frames, RFC 6455 §5.5: ping/pong, their size and fragmentation rules. */
class ControlFrameConformanceTest extends ConformanceTestBase {

    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    @Override
    ServerFixture server() {
        return SERVER;
    }

    static Stream<Arguments> pingSizes() {
        return crossModes(0, 1, 125);
    }

    /** RFC 6455 §5.5.2, §5.5.3: a ping is answered by a pong with the identical ("Application data") payload. */
    @ParameterizedTest(name = "{0} {1} bytes")
    @MethodSource("pingSizes")
    void ping_answeredWithPongOfIdenticalPayload(SplitMode mode, int size) throws IOException {
        try (RawClient client = echo(mode)) {
            byte[] payload = new byte[size];
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) (0xFF - i); // not valid UTF-8: a ping payload is opaque
            }
            client.send(ClientFrames.frame(PING, payload));
            ServerFrame pong = client.readFrame();
            assertEquals(PONG, pong.opcode(), () -> "expected a PONG, got " + pong.describe());
            assertArrayEquals(payload, pong.payload());
            assertTextEcho(client, "after ping");
        }
    }

    static Stream<Arguments> controlOpcodes() {
        return crossModes(PING, PONG, CLOSE);
    }

    /** RFC 6455 §5.5: all control frames MUST have a payload length of 125 bytes or less. */
    @ParameterizedTest(name = "{0} opcode={1}")
    @MethodSource("controlOpcodes")
    void controlFrameOver125Bytes_closes1002(SplitMode mode, int opcode) throws IOException {
        try (RawClient client = echo(mode)) {
            byte[] payload = ClientFrames.pattern(126);
            if (opcode == CLOSE) {
                payload[0] = 0x03; // code 1000 followed by a 124-byte reason
                payload[1] = (byte) 0xE8;
            }
            client.send(ClientFrames.frame(opcode, payload));
            client.expectCloseThenEof(1002);
        }
    }

    /** RFC 6455 §5.5: control frames MUST NOT be fragmented (FIN=0 on a control frame fails the connection). */
    @ParameterizedTest(name = "{0} opcode={1}")
    @MethodSource("controlOpcodes")
    void fragmentedControlFrame_closes1002(SplitMode mode, int opcode) throws IOException {
        try (RawClient client = echo(mode)) {
            byte[] payload = opcode == CLOSE ? ClientFrames.closePayload(1000, utf8("x")) : utf8("ping");
            client.send(ClientFrames.frame(false, 0, opcode, payload));
            client.expectCloseThenEof(1002);
        }
    }

    /** RFC 6455 §5.5.3: an unsolicited pong MAY be sent and expects no response; the connection stays usable. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void unsolicitedPong_isIgnored(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(PONG, utf8("unsolicited")));
            client.send(ClientFrames.frame(PONG, new byte[0]));
            assertTextEcho(client, "after pongs"); // the very next frame is the echo: nothing answered the pongs
        }
    }

    /**
     * RFC 6455 §5.4 ("Control frames MAY be injected in the middle of a fragmented message"), §5.5.2: the pong
     * arrives, then the message echoes whole.
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void pingBetweenFragments_answeredThenMessageEchoesWhole(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(false, 0, TEXT, utf8("fragment one, ")),
                    ClientFrames.frame(PING, utf8("in the middle")),
                    ClientFrames.frame(true, 0, CONTINUATION, utf8("fragment two")));
            ServerFrame pong = client.readFrame();
            assertEquals(PONG, pong.opcode(), () -> "expected a PONG, got " + pong.describe());
            assertArrayEquals(utf8("in the middle"), pong.payload());
            assertEquals("fragment one, fragment two", client.readText());
        }
    }

    /** RFC 6455 §5.4, §5.5.3: an unsolicited pong between fragments is ignored and the message still assembles. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void pongBetweenFragments_ignoredAndMessageEchoesWhole(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(false, 0, TEXT, utf8("a")),
                    ClientFrames.frame(PONG, utf8("unsolicited")),
                    ClientFrames.frame(false, 0, CONTINUATION, utf8("b")),
                    ClientFrames.frame(true, 0, CONTINUATION, utf8("c")));
            assertEquals("abc", client.readText());
        }
    }
}
