package dev.duplex.servlet.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shared helpers of the conformance classes. Each subclass registers its own {@link ServerFixture}; the last test of
 * every class checks that all the failed connections before it left the server healthy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConformanceTestBase {

    /** The fixture of the concrete class. */
    abstract ServerFixture server();

    RawClient open(String path, SplitMode mode) throws IOException {
        return RawClient.open(server().port(), path, mode);
    }

    RawClient echo(SplitMode mode) throws IOException {
        return open("/echo", mode);
    }

    /** Sends a text message in one frame and expects it back unchanged. */
    static void assertTextEcho(RawClient client, String text) throws IOException {
        client.send(ClientFrames.text(text));
        assertEquals(text, client.readText(), client::conversation);
    }

    static void assertBinaryEcho(RawClient client, byte[] data) throws IOException {
        client.send(ClientFrames.binary(data));
        assertArrayEquals(data, client.readBinary(), client::conversation);
    }

    /** Every split mode combined with every value: the arguments of a two-parameter case. */
    static Stream<Arguments> crossModes(Object... values) {
        return Arrays.stream(SplitMode.values())
                .flatMap(mode -> Arrays.stream(values).map(value -> Arguments.of(mode, value)));
    }

    /**
     * After every case of the class, many of them failing connections on purpose, a fresh connection still echoes
     * (RFC 6455 §7.1.7: failing one connection concerns that connection only).
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    @Order(Integer.MAX_VALUE)
    void serverStaysHealthy_afterAllCases(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            assertTextEcho(client, "still alive");
            assertBinaryEcho(client, new byte[] {1, 2, 3});
            client.send(ClientFrames.close(1000, ""));
            client.expectCloseThenEof(1000);
        }
    }
}
