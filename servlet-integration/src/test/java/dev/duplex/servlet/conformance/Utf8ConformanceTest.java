package dev.duplex.servlet.conformance;

import static dev.duplex.servlet.conformance.ClientFrames.CONTINUATION;
import static dev.duplex.servlet.conformance.ClientFrames.TEXT;
import static dev.duplex.servlet.conformance.ClientFrames.bytes;
import static dev.duplex.servlet.conformance.ClientFrames.concat;
import static dev.duplex.servlet.conformance.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** UTF-8 handling of text messages, RFC 6455 §5.6 and §8.1 (and RFC 3629 for what valid UTF-8 is). */
class Utf8ConformanceTest extends ConformanceTestBase {

    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    /** Sequences that are never valid UTF-8, wherever they stand; the detection point is inside each. */
    private static final Map<String, byte[]> INVALID = new LinkedHashMap<>();
    /** Sequences that are only invalid because the message ends in the middle of them. */
    private static final String TRUNCATED = "truncated E2 82 at message end";

    static {
        INVALID.put("overlong C0 80", bytes(0xC0, 0x80));
        INVALID.put("overlong E0 80 AF", bytes(0xE0, 0x80, 0xAF));
        INVALID.put("surrogate ED A0 80", bytes(0xED, 0xA0, 0x80));
        INVALID.put("above U+10FFFF F4 90 80 80", bytes(0xF4, 0x90, 0x80, 0x80));
        INVALID.put("byte FF", bytes(0xFF));
        INVALID.put("byte F5", bytes(0xF5, 0x80, 0x80, 0x80));
        INVALID.put("lone continuation 80", bytes(0x80));
        INVALID.put("2-byte lead then ASCII C3 41", bytes(0xC3, 0x41));
    }

    @Override
    ServerFixture server() {
        return SERVER;
    }

    static Stream<Arguments> validTexts() {
        return crossModes(
                "\u03BA\u1F79\u03C3\u03BC\u03B5",                       // κόσμε: 2- and 3-byte sequences
                "Hello-\u00B5@\u00DF\u00F6\u00E4\u00FC\u00E0\u00E1-UTF-8!!",
                "\u20AC \u4E2D\u6587 \u2713",                           // € 中文 ✓: 3-byte sequences
                "\uD834\uDD1E \uD83D\uDE00 \uD83C\uDF89",               // 𝄞 😀 🎉: 4-byte sequences
                "\u007F\u0080\u07FF\u0800\uD7FF\uE000\uFFFD\uFFFF",      // boundaries of each length
                "\uD800\uDC00\uDBFF\uDFFF");                            // U+10000 and U+10FFFF
    }

    /** RFC 6455 §5.6, §8.1: valid multi-byte UTF-8 (2, 3, 4 bytes, boundaries) echoes intact. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("validTexts")
    void validMultiByteText_echoesIntact(SplitMode mode, String text) throws IOException {
        try (RawClient client = echo(mode)) {
            assertTextEcho(client, text);
        }
    }

    static Stream<Arguments> splitPoints() {
        return crossModes(1, 2, 3);
    }

    /** RFC 6455 §5.6: validity is a property of the whole message; a 4-byte sequence may span two fragments. */
    @ParameterizedTest(name = "{0} split after {1} of 4 bytes")
    @MethodSource("splitPoints")
    void fourByteSequenceSplitAcrossFragments_echoesIntact(SplitMode mode, int split) throws IOException {
        try (RawClient client = echo(mode)) {
            byte[] whole = utf8("a\uD83D\uDE00b"); // a, F0 9F 98 80, b
            byte[] first = Arrays.copyOfRange(whole, 0, 1 + split);
            byte[] second = Arrays.copyOfRange(whole, 1 + split, whole.length);
            client.send(ClientFrames.frame(false, 0, TEXT, first), ClientFrames.frame(true, 0, CONTINUATION, second));
            assertEquals("a\uD83D\uDE00b", client.readText());
        }
    }

    /** RFC 6455 §5.4, §5.6: text fragmented at every byte (one byte per frame) reassembles intact. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void textFragmentedAtEveryByte_echoesIntact(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            String text = "\u03BA\u20AC\uD83D\uDE00!";
            byte[] data = utf8(text);
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < data.length; i++) {
                frames.add(ClientFrames.frame(i == data.length - 1, 0, i == 0 ? TEXT : CONTINUATION,
                        new byte[] {data[i]}));
            }
            client.send(frames.toArray(byte[][]::new));
            assertEquals(text, client.readText());
        }
    }

    static Stream<Arguments> invalidNames() {
        List<String> names = new ArrayList<>(INVALID.keySet());
        names.add(TRUNCATED);
        return crossModes(names.toArray());
    }

    /** RFC 6455 §8.1: a text message that is not valid UTF-8 fails the connection with 1007 (§7.4.1). */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidNames")
    void invalidUtf8InText_closes1007(SplitMode mode, String name) throws IOException {
        byte[] payload = name.equals(TRUNCATED)
                ? concat(utf8("abc"), bytes(0xE2, 0x82))
                : concat(utf8("abc"), INVALID.get(name), utf8("def"));
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(TEXT, payload));
            client.expectCloseThenEof(1007);
        }
    }

    static Stream<Arguments> failFastNames() {
        return crossModes(INVALID.keySet().toArray());
    }

    /**
     * RFC 6455 §8.1 ("When an endpoint is to interpret a byte stream as UTF-8 but finds that the byte stream is not,
     * in fact, a valid UTF-8 stream, that endpoint MUST _Fail the WebSocket Connection_"): the first fragment (FIN=0)
     * holds an invalid sequence, and the 1007 arrives although no further fragment is ever sent.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("failFastNames")
    void invalidUtf8InFirstFragment_closes1007WithoutWaitingForMessageEnd(SplitMode mode, String name)
            throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(false, 0, TEXT, concat(utf8("Hello "), INVALID.get(name), utf8(" w"))));
            client.expectCloseThenEof(1007);
        }
    }

    /** RFC 6455 §8.1: the same fail-fast rule for an invalid sequence in a middle (CONTINUATION, FIN=0) fragment. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void invalidUtf8InMiddleFragment_closes1007WithoutWaitingForMessageEnd(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(false, 0, TEXT, utf8("valid start ")),
                    ClientFrames.frame(false, 0, CONTINUATION, concat(utf8("x"), bytes(0xED, 0xA0, 0x80))));
            client.expectCloseThenEof(1007);
        }
    }

    /**
     * RFC 6455 §5.6, §8.1: an incomplete sequence at the end of a fragment is fine, but not at the end of the message
     * (F0 9F in the first fragment, then an empty final CONTINUATION).
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void sequenceTruncatedAtEndOfFragmentedMessage_closes1007(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(false, 0, TEXT, concat(utf8("abc"), bytes(0xF0, 0x9F))),
                    ClientFrames.frame(true, 0, CONTINUATION, new byte[0]));
            client.expectCloseThenEof(1007);
        }
    }
}
