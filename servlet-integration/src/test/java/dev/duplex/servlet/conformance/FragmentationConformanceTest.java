package dev.duplex.servlet.conformance;

import static dev.duplex.servlet.conformance.ClientFrames.BINARY;
import static dev.duplex.servlet.conformance.ClientFrames.CONTINUATION;
import static dev.duplex.servlet.conformance.ClientFrames.TEXT;
import static dev.duplex.servlet.conformance.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Fragmentation, RFC 6455 §5.4. */
class FragmentationConformanceTest extends ConformanceTestBase {

    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    @Override
    ServerFixture server() {
        return SERVER;
    }

    /** The frames of one message: the first with {@code opcode}, the rest CONTINUATION, FIN on the last only. */
    static byte[] fragments(int opcode, List<byte[]> parts) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            frames.add(ClientFrames.frame(i == parts.size() - 1, 0, i == 0 ? opcode : CONTINUATION, parts.get(i)));
        }
        return ClientFrames.concat(frames.toArray(byte[][]::new));
    }

    static Stream<Arguments> fragmentCounts() {
        return crossModes(2, 3, 100);
    }

    /** RFC 6455 §5.4: a message in N fragments is one message: it echoes once, whole. */
    @ParameterizedTest(name = "{0} {1} fragments")
    @MethodSource("fragmentCounts")
    void textInFragments_echoesOnceWhole(SplitMode mode, int count) throws IOException {
        try (RawClient client = echo(mode)) {
            List<byte[]> parts = new ArrayList<>();
            StringBuilder whole = new StringBuilder();
            for (int i = 0; i < count; i++) {
                String part = "part-" + i + ";";
                parts.add(utf8(part));
                whole.append(part);
            }
            client.send(fragments(TEXT, parts));
            assertEquals(whole.toString(), client.readText());
            assertTextEcho(client, "next"); // nothing else was echoed in between
        }
    }

    /** RFC 6455 §5.4: the same for a binary message. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void binaryInFragments_echoesOnceWhole(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(fragments(BINARY, List.of(new byte[] {1, 2}, new byte[] {3}, new byte[] {4, 5, 6})));
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, client.readBinary());
        }
    }

    /** RFC 6455 §5.4: zero-length fragments are legal, at the start, in the middle and at the end. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void zeroLengthFragments_areAllowed(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            byte[] none = new byte[0];
            client.send(fragments(TEXT, List.of(none, utf8("Hello"), none, utf8("World"), none)));
            assertEquals("HelloWorld", client.readText());
            client.send(fragments(TEXT, List.of(none, none, none)));
            assertEquals("", client.readText());
            client.send(fragments(BINARY, List.of(none, new byte[] {7}, none)));
            assertArrayEquals(new byte[] {7}, client.readBinary());
        }
    }

    /** RFC 6455 §5.4: a CONTINUATION frame when no fragmented message is in progress fails the connection. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void continuationWithoutStartedMessage_closes1002(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(true, 0, CONTINUATION, utf8("orphan")));
            client.expectCloseThenEof(1002);
        }
    }

    /** RFC 6455 §5.4: a CONTINUATION after a complete message (FIN=1) has nothing to continue. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void continuationAfterFinishedMessage_closes1002(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            assertTextEcho(client, "complete");
            client.send(ClientFrames.frame(false, 0, CONTINUATION, utf8("orphan")));
            client.expectCloseThenEof(1002);
        }
    }

    /**
     * RFC 6455 §5.4: fragments of one message MUST NOT be interleaved with another message: a new TEXT frame while
     * a text message is unfinished fails the connection.
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void newTextFrameInsteadOfContinuation_closes1002(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(false, 0, TEXT, utf8("first ")),
                    ClientFrames.frame(true, 0, TEXT, utf8("second")));
            client.expectCloseThenEof(1002);
        }
    }

    /** RFC 6455 §5.4: a TEXT message may not start inside an unfinished BINARY message. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void textStartInsideFragmentedBinary_closes1002(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(false, 0, BINARY, new byte[] {1, 2, 3}),
                    ClientFrames.frame(false, 0, TEXT, utf8("interleaved")));
            client.expectCloseThenEof(1002);
        }
    }
}
