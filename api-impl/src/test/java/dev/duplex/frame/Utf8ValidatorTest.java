package dev.duplex.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3629 validation, fail-fast positions, streaming splits, and a fuzz comparison with the JDK decoder. */
class Utf8ValidatorTest {

    private static final SplitFeeder.Kind[] KINDS = SplitFeeder.Kind.values();

    /** Memo for {@link #completable}: tails are short and repeat a lot. */
    private final Map<String, Boolean> completableTails = new HashMap<>();

    private static ByteBuffer buffer(byte[] bytes, int from, int to, int variant) {
        if (variant == KINDS.length) {
            return SplitFeeder.buffer(bytes, from, to, SplitFeeder.Kind.HEAP).asReadOnlyBuffer();
        }
        return SplitFeeder.buffer(bytes, from, to, KINDS[variant]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Hello, world", "Grüße", "日本語テキスト", "😀🎉",
        "mixed ascii 123 and ünïcødé 한국어 𝄞 done, long enough for a 32-byte step",
        "\u007f", "\u0080", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffff", "\ud800\udc00", "\udbff\udfff"})
    void validTextInEverySplit(String text) {
        byte[] bytes = Wire.utf8(text);
        assertTrue(Utf8Validator.isValid(ByteBuffer.wrap(bytes)));
        for (int variant = 0; variant <= KINDS.length; variant++) {
            for (int cut = 0; cut <= bytes.length; cut++) {
                Utf8Validator validator = new Utf8Validator();
                ByteBuffer first = buffer(bytes, 0, cut, variant);
                int position = first.position();
                assertTrue(validator.feed(first));
                assertEquals(position, first.position(), "feed must not move the position");
                assertEquals(isBoundary(bytes, cut), validator.isComplete(), "complete after " + cut + " bytes");
                assertTrue(validator.feed(buffer(bytes, cut, bytes.length, variant)));
                assertTrue(validator.isComplete());
            }
        }
    }

    private static boolean isBoundary(byte[] bytes, int index) {
        return index == bytes.length || (bytes[index] & 0xC0) != 0x80;
    }

    @ParameterizedTest
    @CsvSource({
        "'c0 80', 0",            // overlong NUL
        "'c1 bf', 0",            // overlong
        "'e0 80 80', 1",         // overlong 3-byte
        "'e0 9f bf', 1",         // overlong U+07FF
        "'ed a0 80', 1",         // surrogate U+D800
        "'ed bf bf', 1",         // surrogate U+DFFF
        "'f0 80 80 80', 1",      // overlong 4-byte
        "'f0 8f bf bf', 1",      // overlong U+FFFF
        "'f4 90 80 80', 1",      // U+110000
        "'f5 80 80 80', 0",
        "'f8 88 80 80 80', 0",   // 5-byte form
        "'fe', 0",
        "'ff', 0",
        "'80', 0",               // lone continuation
        "'bf', 0",
        "'41 80', 1",
        "'c2 41', 1",            // missing continuation
        "'c2 c2 80', 1",
        "'e2 82 41', 2",
        "'f0 9f 98 41', 3",
        "'f0 9f 98 80 80', 4",   // continuation after a complete code point
        "'41 42 43 44 45 46 47 48 80', 8",              // right after an 8-byte ASCII step
        "'41 42 43 44 45 46 47 48 49 4a ed a0 80', 11",
        "'e2 82 ac 41 42 43 44 45 46 47 48 49 c0', 12",
    })
    void invalidSequencesFailAtTheOffendingByte(String hex, int failIndex) {
        byte[] bytes = Wire.bytes(hex);
        assertFalse(Utf8Validator.isValid(ByteBuffer.wrap(bytes)));
        for (int variant = 0; variant <= KINDS.length; variant++) {
            Utf8Validator validator = new Utf8Validator();
            for (int i = 0; i < bytes.length; i++) {
                assertEquals(i < failIndex, validator.feed(buffer(bytes, i, i + 1, variant)), "byte " + i);
            }
            assertFalse(validator.feed(ByteBuffer.wrap(Wire.ascii("ok"))), "once false, stays false");
            assertFalse(validator.isComplete());
            validator.reset();
            assertTrue(validator.feed(ByteBuffer.wrap(Wire.ascii("ok"))));
            assertTrue(validator.isComplete());
            for (int cut = 0; cut <= bytes.length; cut++) {
                Utf8Validator split = new Utf8Validator();
                assertEquals(cut <= failIndex, split.feed(buffer(bytes, 0, cut, variant)), "prefix of " + cut);
                assertFalse(split.feed(buffer(bytes, cut, bytes.length, variant)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2", "e2", "e2 82", "f0", "f0 9f", "f0 9f 98", "41 42 43 44 45 46 47 48 49 e2 82"})
    void truncatedAtTheEndIsNotComplete(String hex) {
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.feed(ByteBuffer.wrap(Wire.bytes(hex))));
        assertFalse(validator.isComplete());
        assertFalse(Utf8Validator.isValid(ByteBuffer.wrap(Wire.bytes(hex))));
    }

    @Test
    void fastPathAroundEveryPosition() {   // 8- and 32-byte ASCII steps, in heap and direct buffers
        for (int length = 1; length <= 80; length++) {
            for (int at = 0; at < length; at++) {
                byte[] bad = Wire.ascii("a".repeat(length));
                bad[at] = (byte) 0x80;
                byte[] good = Wire.utf8("a".repeat(at) + "é" + "a".repeat(length - at));
                for (SplitFeeder.Kind kind : KINDS) {
                    Utf8Validator validator = new Utf8Validator();
                    assertTrue(validator.feed(SplitFeeder.buffer(bad, 0, at, kind)), "ASCII prefix of " + at);
                    assertFalse(validator.feed(SplitFeeder.buffer(bad, at, length, kind)), "0x80 at " + at);
                    assertFalse(Utf8Validator.isValid(SplitFeeder.buffer(bad, 0, length, kind)), "0x80 at " + at);
                    assertTrue(Utf8Validator.isValid(SplitFeeder.buffer(good, 0, good.length, kind)), "é at " + at);
                }
            }
        }
    }

    /** Fuzz with a fixed seed: short sequences over the interesting byte values. */
    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(20240229);
        int[] alphabet = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1,
            0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf8, 0xff};
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(25)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : alphabet[random.nextInt(alphabet.length)]);
            }
            assertAgreesWithJdk(bytes, random);
        }
    }

    /** Fuzz with a fixed seed: longer, mostly valid text (ASCII runs and every length of code point), one byte changed. */
    @Test
    void agreesWithTheJdkDecoderOnDamagedText() {
        Random random = new Random(3629);
        int[] codePoints = {'a', ' ', 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x20ac, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000,
            0x1f600, 0x10ffff};
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append(random.nextBoolean() ? "abcdefghij".substring(random.nextInt(10))
                        : new String(Character.toChars(codePoints[random.nextInt(codePoints.length)])));
            }
            byte[] bytes = Wire.utf8(text.toString());
            if (bytes.length > 0 && random.nextInt(5) != 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            assertAgreesWithJdk(bytes, random);
        }
    }

    /** Whole in heap and direct buffers, split in two at a random index, and one byte at a time. */
    private void assertAgreesWithJdk(byte[] bytes, Random random) {
        String hex = Wire.hex(bytes);
        boolean expected = jdkAccepts(bytes);
        assertEquals(expected, Utf8Validator.isValid(ByteBuffer.wrap(bytes)), hex);
        assertEquals(expected, Utf8Validator.isValid(SplitFeeder.buffer(bytes, 0, bytes.length, SplitFeeder.Kind.DIRECT)), hex);
        int cut = random.nextInt(bytes.length + 1);
        Utf8Validator split = new Utf8Validator();
        boolean splitResult = split.feed(ByteBuffer.wrap(bytes, 0, cut))
                & split.feed(SplitFeeder.buffer(bytes, cut, bytes.length, KINDS[random.nextInt(KINDS.length)]));
        assertEquals(expected, splitResult && split.isComplete(), hex + " cut at " + cut);
        int expectedFail = firstBadPrefix(bytes);
        Utf8Validator validator = new Utf8Validator();
        int actualFail = -1;
        for (int i = 0; i < bytes.length && actualFail < 0; i++) {
            if (!validator.feed(ByteBuffer.wrap(bytes, i, 1))) {
                actualFail = i;
            }
        }
        assertEquals(expectedFail, actualFail, hex);
        assertEquals(expected, actualFail < 0 && validator.isComplete(), hex);
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            strictDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * The index of the byte whose arrival makes the prefix impossible to complete into valid UTF-8, or -1.
     * The JDK decoder alone spots some of these late (it takes ED A0 for a possible start), so an incomplete tail
     * it leaves unconsumed is tried with every class of continuation bytes.
     */
    private int firstBadPrefix(byte[] bytes) {
        // Once a prefix cannot be completed, no longer one can: binary search for the shortest such prefix.
        int low = 1;
        int high = bytes.length + 1;   // "none"
        while (low < high) {
            int n = (low + high) >>> 1;
            if (completablePrefix(bytes, n)) {
                low = n + 1;
            } else {
                high = n;
            }
        }
        return low > bytes.length ? -1 : low - 1;
    }

    private boolean completablePrefix(byte[] bytes, int n) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, n);
        CoderResult result = strictDecoder().decode(in, CharBuffer.allocate(n + 2), false);
        return !result.isError() && (!in.hasRemaining() || completable(Wire.toArray(in)));
    }

    private boolean completable(byte[] tail) {
        return completableTails.computeIfAbsent(Wire.hex(tail), key -> {
            byte[] representatives = Wire.bytes("80 8f 90 9f a0 bf");
            for (int extra = 1; extra <= 3; extra++) {
                byte[] candidate = Arrays.copyOf(tail, tail.length + extra);
                int combinations = (int) Math.pow(representatives.length, extra);
                for (int c = 0; c < combinations; c++) {
                    for (int i = 0, rest = c; i < extra; i++, rest /= representatives.length) {
                        candidate[tail.length + i] = representatives[rest % representatives.length];
                    }
                    if (jdkAccepts(candidate)) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
