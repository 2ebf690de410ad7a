package dev.duplex.benchmarks.codec;

import dev.duplex.frame.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * UTF-8 validation of a 64 KiB text message (RFC 6455 §8.1), ASCII or mixed (Latin with accents, Cyrillic,
 * CJK, emoji), heap buffer:
 * <ul>
 *   <li>{@link #validate}: {@link Utf8Validator#isValid}, the one-shot check;</li>
 *   <li>{@link #validateStreaming}: one validator fed 4 KiB slices, as text frames arrive piecewise;</li>
 *   <li>{@link #jdkDecode}: for context, the JDK decoding the same bytes into a {@code CharBuffer}
 *       ({@code CodingErrorAction.REPORT}, so it validates too) - what a text message costs when it is
 *       delivered as a {@code String} anyway;</li>
 *   <li>{@link #copyBaseline}: a copy of the same bytes, the ceiling.</li>
 * </ul>
 *
 * <p>Runs on one JMH thread ({@code Scope.Thread}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Utf8Benchmark {

    static final int TEXT_BYTES = 65536;
    private static final int SLICE = 4096;

    private static final String ASCII_SAMPLE =
            "The quick brown fox jumps over the lazy dog; {\"id\": 42, \"ok\": true, \"tags\": [\"a\", \"b\"]}\n";
    private static final String MIXED_SAMPLE =
            "Zoë's café: crème brûlée, 12 € — Grüße aus Köln! Привет, как дела? Всё хорошо. "
            + "你好，世界！今天天气很好。こんにちは、元気ですか。😀🚀🎉👍 ";

    /** {@code ascii} or {@code mixed}. */
    @Param({"ascii", "mixed"})
    public String text;

    private ByteBuffer bytes;
    private Utf8Validator validator;
    private CharsetDecoder decoder;
    private CharBuffer chars;
    private ByteBuffer copyTarget;

    @Setup(Level.Trial)
    public void setUp() throws CharacterCodingException {
        bytes = ByteBuffer.wrap(textBytes("mixed".equals(text) ? MIXED_SAMPLE : ASCII_SAMPLE));
        validator = new Utf8Validator();
        decoder = StandardCharsets.UTF_8.newDecoder();
        chars = CharBuffer.allocate(TEXT_BYTES);
        copyTarget = ByteBuffer.allocate(TEXT_BYTES);

        WireFrames.check(Utf8Validator.isValid(bytes.clear()), text + " text is valid");
        WireFrames.check(validateStreaming(), text + " text is valid in slices");
        StandardCharsets.UTF_8.newDecoder().decode(bytes.clear()); // throws if the text is not valid
        ByteBuffer broken = ByteBuffer.allocate(TEXT_BYTES).put(bytes.clear()).put(TEXT_BYTES / 2, (byte) 0xC0);
        WireFrames.check(!Utf8Validator.isValid(broken.flip()), "an invalid byte is caught");
        bytes.clear();
    }

    /** The sample repeated to exactly {@value #TEXT_BYTES} bytes, padded with spaces at a code point boundary. */
    private static byte[] textBytes(String sample) {
        byte[] unit = sample.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[TEXT_BYTES];
        int at = 0;
        while (at + unit.length <= TEXT_BYTES) {
            System.arraycopy(unit, 0, out, at, unit.length);
            at += unit.length;
        }
        while (at < TEXT_BYTES) {
            out[at++] = ' ';
        }
        return out;
    }

    @Benchmark
    public boolean validate() {
        return Utf8Validator.isValid(bytes.clear());
    }

    @Benchmark
    public boolean validateStreaming() {
        validator.reset();
        ByteBuffer in = bytes.clear();
        for (int from = 0; from < TEXT_BYTES; from += SLICE) {
            in.limit(from + SLICE).position(from);
            if (!validator.feed(in)) {
                return false;
            }
        }
        return validator.isComplete();
    }

    @Benchmark
    public CoderResult jdkDecode() {
        decoder.reset();
        CoderResult result = decoder.decode(bytes.clear(), chars.clear(), true);
        decoder.flush(chars);
        return result;
    }

    /** {@code ByteBuffer.put(ByteBuffer)} of the same {@value #TEXT_BYTES} bytes: the ceiling. */
    @Benchmark
    public ByteBuffer copyBaseline() {
        return copyTarget.clear().put(bytes.clear());
    }
}
