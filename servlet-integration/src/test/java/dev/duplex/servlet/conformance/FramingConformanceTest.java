package dev.duplex.servlet.conformance;

import static dev.duplex.servlet.conformance.ClientFrames.BINARY;
import static dev.duplex.servlet.conformance.ClientFrames.TEXT;
import static dev.duplex.servlet.conformance.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Base framing, RFC 6455 §5.2: lengths, masking, RSV bits, opcodes. */
class FramingConformanceTest extends ConformanceTestBase {

    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    @Override
    ServerFixture server() {
        return SERVER;
    }

    static Stream<Arguments> lengths() {
        // 7-bit (0, 1, 125), 16-bit (126, 127, 65535) and 64-bit (65536) length encodings
        return crossModes(0, 1, 125, 126, 127, 65535, 65536);
    }

    /** RFC 6455 §5.2 (payload length: 7, 7+16 and 7+64 bits), §5.6: a text message of any size echoes whole. */
    @ParameterizedTest(name = "{0} {1} bytes")
    @MethodSource("lengths")
    void textOfEveryLengthEncoding_echoes(SplitMode mode, int size) throws IOException {
        try (RawClient client = echo(mode)) {
            assertTextEcho(client, new String(ClientFrames.pattern(size), StandardCharsets.US_ASCII));
        }
    }

    /** RFC 6455 §5.2 (payload length encodings), §5.6: a binary message of any size echoes whole. */
    @ParameterizedTest(name = "{0} {1} bytes")
    @MethodSource("lengths")
    void binaryOfEveryLengthEncoding_echoes(SplitMode mode, int size) throws IOException {
        try (RawClient client = echo(mode)) {
            byte[] data = ClientFrames.pattern(size);
            for (int i = 0; i < data.length; i += 7) {
                data[i] = (byte) (0x80 | i); // non-ASCII bytes too
            }
            assertBinaryEcho(client, data);
        }
    }

    /** RFC 6455 §5.1: a server MUST close the connection on an unmasked client frame (we send 1002, §7.4.1). */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void unmaskedClientFrame_closes1002(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.unmasked(TEXT, utf8("Hello")));
            client.expectCloseThenEof(1002);
        }
    }

    static Stream<Arguments> rsvBits() {
        return crossModes(ClientFrames.RSV1, ClientFrames.RSV2, ClientFrames.RSV3);
    }

    /** RFC 6455 §5.2: RSV1-3 MUST be 0 unless an extension defines them; otherwise fail the connection. */
    @ParameterizedTest(name = "{0} rsv=0x{1}")
    @MethodSource("rsvBits")
    void rsvBitWithoutExtension_closes1002(SplitMode mode, int rsv) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(true, rsv, TEXT, utf8("Hello")));
            client.expectCloseThenEof(1002);
        }
    }

    /** RFC 6455 §5.2, §5.2 "Opcode": the same rule for a binary frame with RSV1 (no permessage-deflate offered). */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void rsv1OnBinaryWithoutDeflate_closes1002(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(true, ClientFrames.RSV1, BINARY, new byte[] {1, 2, 3}));
            client.expectCloseThenEof(1002);
        }
    }

    static Stream<Arguments> reservedOpcodes() {
        return crossModes(0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF);
    }

    /** RFC 6455 §5.2: reserved opcodes (3-7 data, B-F control) fail the connection when no extension defines them. */
    @ParameterizedTest(name = "{0} opcode={1}")
    @MethodSource("reservedOpcodes")
    void reservedOpcode_closes1002(SplitMode mode, int opcode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(opcode, utf8("reserved")));
            client.expectCloseThenEof(1002);
        }
    }

    /** RFC 6455 §5.2: in a 64-bit payload length the most significant bit MUST be 0. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void length64WithTopBitSet_closes1002(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.header64(BINARY, 0x8000_0000_0000_0005L));
            client.expectCloseThenEof(1002);
        }
    }

    /** RFC 6455 §5.2, §5.6: a valid frame after many others on one connection still echoes (parser state resets). */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void manyMessagesOnOneConnection_echoInOrder(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                client.send(ClientFrames.text("message " + i));
                expected.append("message ").append(i).append('|');
            }
            StringBuilder received = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                received.append(client.readText()).append('|');
            }
            assertEquals(expected.toString(), received.toString());
        }
    }
}
