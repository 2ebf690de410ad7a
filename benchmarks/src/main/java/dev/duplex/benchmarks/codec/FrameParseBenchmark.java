package dev.duplex.benchmarks.codec;

import dev.duplex.frame.FrameParser;
import dev.duplex.frame.Masker;
import dev.duplex.frame.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;
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
 * Server-side receive path: {@link FrameParser#parse} of one masked (client-to-server) binary frame, which
 * decodes the header and unmasks the payload in place, against a plain copy of the same number of bytes.
 *
 * <p><b>How the input is re-prepared.</b> The parser unmasks in place, so after one parse the buffer holds the
 * unmasked payload. Unmasking is an XOR with the key, so parsing the same buffer again masks it back: each call
 * does exactly the same work on the same bytes (a binary payload is never inspected, only XORed). The measured
 * operation is therefore only a rewind ({@code clear()}) plus the parse: no copy to subtract, nothing hidden.
 * {@link #copyThenParse} re-prepares the other way (copy a pristine masked frame in, then parse), to cross-check.
 * {@link #copyBaseline} copies the payload's size once in the same JVM, the memory-bandwidth ceiling;
 * {@link #unmask} is {@link Masker#mask} alone over the payload, to split the parse cost into header/dispatch
 * and XOR. Throughput is reported per payload byte: see {@link Report}.
 *
 * <p>Each call parses bytes that the previous call just touched, as a server parses bytes its read just
 * delivered: the data is in cache for {@code size <= 64 KiB}, and so is the copy's.
 *
 * <p>Runs on one JMH thread ({@code Scope.Thread}); the setup checks the parser's output before any timing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameParseBenchmark {

    /** Payload bytes of the one frame: 64 B, 1 KiB, 64 KiB, 1 MiB. */
    @Param({"64", "1024", "65536", "1048576"})
    public int size;

    /** {@code heap} (a servlet transport reads into a byte[]) or {@code direct} (a socket channel). */
    @Param({"heap"})
    public String buffer;

    private ByteBuffer frame;
    private ByteBuffer pristine;
    private int payloadFrom;
    private FrameParser parser;
    private PayloadCounter counter;
    private ByteBuffer copySource;
    private ByteBuffer copyTarget;

    @Setup(Level.Trial)
    public void setUp() throws ProtocolException {
        boolean direct = "direct".equals(buffer);
        byte[] payload = WireFrames.randomPayload(size, 6455L + size);
        frame = WireFrames.maskedBinary(payload, direct);
        payloadFrom = frame.limit() - size;
        pristine = allocate(frame.limit(), direct).put(frame.duplicate()).flip();
        checkParse(payload);
        counter = new PayloadCounter();
        parser = new FrameParser(counter, true, Long.MAX_VALUE);
        copySource = allocate(size, direct).put(payload).flip();
        copyTarget = allocate(size, direct);
    }

    /** Parses the frame twice: the first call must yield the payload, the second must restore the input. */
    private void checkParse(byte[] payload) throws ProtocolException {
        byte[] before = WireFrames.bytes(frame);
        PayloadCollector collector = new PayloadCollector();
        FrameParser checker = new FrameParser(collector, true, Long.MAX_VALUE);
        checker.parse(frame.clear());
        WireFrames.check(!frame.hasRemaining(), "parse consumes the whole frame");
        WireFrames.check(collector.frames == 1 && collector.framesEnded == 1, "one frame started and ended");
        WireFrames.check(Arrays.equals(payload, collector.payload.toByteArray()), "payload unmasked");
        checker.parse(frame.clear());
        WireFrames.check(WireFrames.sameBytes(before, frame.clear()), "second parse masks the payload back");
    }

    static ByteBuffer allocate(int capacity, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    /** Header decode + in-place unmask + listener dispatch of one frame. */
    @Benchmark
    public long parse() throws ProtocolException {
        counter.payloadBytes = 0;
        parser.parse(frame.clear());
        return counter.payloadBytes;
    }

    /**
     * The other way to re-prepare the input: copy the pristine masked frame into the work buffer, then parse.
     * Cross-checks {@link #parse}: 1 / (1 / this - 1 / copyBaseline) should come out near {@link #parse}.
     */
    @Benchmark
    public long copyThenParse() throws ProtocolException {
        counter.payloadBytes = 0;
        parser.parse(frame.clear().put(pristine.clear()).flip());
        return counter.payloadBytes;
    }

    /** {@link Masker#mask} alone over the payload (no header, no listener): the XOR part of {@link #parse}. */
    @Benchmark
    public ByteBuffer unmask() {
        Masker.mask(frame, payloadFrom, payloadFrom + size, WireFrames.MASK_KEY, 0);
        return frame;
    }

    /** {@code ByteBuffer.put(ByteBuffer)} of {@code size} bytes: the ceiling on this machine. */
    @Benchmark
    public ByteBuffer copyBaseline() {
        return copyTarget.clear().put(copySource.clear());
    }
}
