package dev.duplex.servlet.conformance;

import static dev.duplex.servlet.conformance.ClientFrames.BINARY;
import static dev.duplex.servlet.conformance.ClientFrames.CONTINUATION;
import static dev.duplex.servlet.conformance.ClientFrames.TEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Message size limits, RFC 6455 §7.4.1 (1009 "message that is too big for it to process") and §10.4 (limits on
 * frame and message size), against {@code /echo-small} whose limit is {@value SmallEchoEndpoint#LIMIT} bytes.
 */
class LimitConformanceTest extends ConformanceTestBase {

    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    private static final int LIMIT = SmallEchoEndpoint.LIMIT;

    @Override
    ServerFixture server() {
        return SERVER;
    }

    static Stream<Arguments> kinds() {
        return crossModes(TEXT, BINARY);
    }

    /** Reads the next message of the kind and returns its bytes. */
    private static byte[] readEcho(RawClient client, int opcode) throws IOException {
        return opcode == TEXT ? client.readText().getBytes(StandardCharsets.UTF_8) : client.readBinary();
    }

    private static void assertTooBig(RawClient client) throws IOException {
        ServerFrame close = client.expectClose(1009);
        assertTrue(close.closeReason().contains(String.valueOf(LIMIT)),
                () -> "the 1009 reason should name the limit " + LIMIT + ": '" + close.closeReason() + "'");
        client.expectEof();
    }

    /** RFC 6455 §10.4: a message of exactly the limit is accepted, in one frame and in two fragments. */
    @ParameterizedTest(name = "{0} opcode={1}")
    @MethodSource("kinds")
    void messageAtLimit_echoes(SplitMode mode, int opcode) throws IOException {
        try (RawClient client = open("/echo-small", mode)) {
            byte[] data = ClientFrames.pattern(LIMIT);
            client.send(ClientFrames.frame(opcode, data));
            assertArrayEquals(data, readEcho(client, opcode));
            client.send(ClientFrames.frame(false, 0, opcode, Arrays.copyOfRange(data, 0, 600)),
                    ClientFrames.frame(true, 0, CONTINUATION, Arrays.copyOfRange(data, 600, LIMIT)));
            assertArrayEquals(data, readEcho(client, opcode));
        }
    }

    /** RFC 6455 §7.4.1, §10.4: one byte over the limit in a single frame closes with 1009 naming the limit. */
    @ParameterizedTest(name = "{0} opcode={1}")
    @MethodSource("kinds")
    void messageOverLimitInOneFrame_closes1009NamingLimit(SplitMode mode, int opcode) throws IOException {
        try (RawClient client = open("/echo-small", mode)) {
            client.send(ClientFrames.frame(opcode, ClientFrames.pattern(LIMIT + 1)));
            assertTooBig(client);
        }
    }

    /** RFC 6455 §7.4.1, §10.4: the limit is on the message: fragments of 600 + 425 bytes close with 1009. */
    @ParameterizedTest(name = "{0} opcode={1}")
    @MethodSource("kinds")
    void messageOverLimitInTwoFragments_closes1009NamingLimit(SplitMode mode, int opcode) throws IOException {
        try (RawClient client = open("/echo-small", mode)) {
            client.send(ClientFrames.frame(false, 0, opcode, ClientFrames.pattern(600)),
                    ClientFrames.frame(true, 0, CONTINUATION, ClientFrames.pattern(425)));
            assertTooBig(client);
        }
    }

    /**
     * RFC 6455 §10.4 and DESIGN.md §4 (never wait for, nor allocate, a declared length over the limit): a frame
     * header declaring 2000 bytes is refused with 1009 before any payload byte is sent.
     */
    @ParameterizedTest(name = "{0} opcode={1}")
    @MethodSource("kinds")
    void declaredLengthOverLimit_closes1009BeforePayload(SplitMode mode, int opcode) throws IOException {
        try (RawClient client = open("/echo-small", mode)) {
            client.send(ClientFrames.headerOnly(opcode, 2000));
            client.expectCloseThenEof(1009); // read while no payload byte was ever sent
        }
    }

    /**
     * RFC 6455 §7.4.1, §10.4: the limit holds for every message of the connection, not only the first: after an
     * echo, one byte over the limit (one frame, then in a second connection a bare header declaring 2000 bytes)
     * closes with 1009 naming the limit, the latter before any payload byte is sent.
     */
    @ParameterizedTest(name = "{0} opcode={1}")
    @MethodSource("kinds")
    void laterMessageOverLimit_closes1009NamingLimit(SplitMode mode, int opcode) throws IOException {
        try (RawClient client = open("/echo-small", mode)) {
            client.send(ClientFrames.frame(opcode, ClientFrames.pattern(10)));
            assertArrayEquals(ClientFrames.pattern(10), readEcho(client, opcode));
            client.send(ClientFrames.frame(opcode, ClientFrames.pattern(LIMIT + 1)));
            assertTooBig(client);
        }
        try (RawClient client = open("/echo-small", mode)) {
            client.send(ClientFrames.frame(opcode, ClientFrames.pattern(10)));
            assertArrayEquals(ClientFrames.pattern(10), readEcho(client, opcode));
            client.send(ClientFrames.headerOnly(opcode, 2000));
            assertTooBig(client);
        }
    }
}
