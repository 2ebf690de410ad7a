package dev.duplex.benchmarks.codec;

import dev.duplex.frame.FrameParser;
import dev.duplex.frame.ProtocolException;
import java.io.ByteArrayOutputStream;
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
 * Many small frames in one read: {@value #FRAMES} masked binary frames of {@value #FRAME_PAYLOAD} payload bytes
 * (70 bytes each on the wire) packed into one 64 KiB buffer and parsed by one {@link FrameParser#parse} call,
 * as a server sees a chatty client. Per-frame cost (header decode, listener calls) dominates here.
 * {@link #parseUnmasked} is the client's view: the same payloads in unmasked server frames.
 *
 * <p>Re-prepared like {@link FrameParseBenchmark}: parsing the buffer again masks every payload back, the same
 * work each time. {@link #copyBaseline} copies {@value #PAYLOAD_BYTES} bytes, the payload total, so both methods
 * are reported per payload byte (frames per second = ops/s &times; {@value #FRAMES}).
 *
 * <p>Runs on one JMH thread ({@code Scope.Thread}); the setup checks the parser's output before any timing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SmallFramesParseBenchmark {

    static final int FRAME_PAYLOAD = 64;
    static final int FRAME_LENGTH = FRAME_PAYLOAD + 6;
    static final int FRAMES = 65536 / FRAME_LENGTH;
    static final int PAYLOAD_BYTES = FRAMES * FRAME_PAYLOAD;

    /** {@code heap} or {@code direct}, as in {@link FrameParseBenchmark}. */
    @Param({"heap"})
    public String buffer;

    private ByteBuffer frames;
    private FrameParser parser;
    private PayloadCounter counter;
    private ByteBuffer serverFrames;
    private FrameParser clientParser;
    private ByteBuffer copySource;
    private ByteBuffer copyTarget;

    @Setup(Level.Trial)
    public void setUp() throws ProtocolException {
        boolean direct = "direct".equals(buffer);
        frames = FrameParseBenchmark.allocate(FRAMES * FRAME_LENGTH, direct);
        ByteArrayOutputStream allPayloads = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            byte[] payload = WireFrames.randomPayload(FRAME_PAYLOAD, i);
            allPayloads.writeBytes(payload);
            WireFrames.put(frames, 2, payload, true, WireFrames.MASK_KEY + i);
        }
        WireFrames.check(!frames.hasRemaining(), "frames fill the buffer");
        byte[] expected = allPayloads.toByteArray();

        PayloadCollector collector = new PayloadCollector();
        new FrameParser(collector, true, Long.MAX_VALUE).parse(frames.clear());
        WireFrames.check(collector.frames == FRAMES && collector.framesEnded == FRAMES, FRAMES + " frames parsed");
        WireFrames.check(Arrays.equals(expected, collector.payload.toByteArray()), "payloads unmasked");

        serverFrames = FrameParseBenchmark.allocate(FRAMES * (FRAME_LENGTH - 4), direct);
        ByteBuffer payloads = ByteBuffer.wrap(expected);
        for (int i = 0; i < FRAMES; i++) {
            byte[] payload = new byte[FRAME_PAYLOAD];
            payloads.get(payload);
            WireFrames.put(serverFrames, 2, payload, false, 0);
        }
        PayloadCollector clientCollector = new PayloadCollector();
        new FrameParser(clientCollector, false, Long.MAX_VALUE).parse(serverFrames.flip());
        WireFrames.check(Arrays.equals(expected, clientCollector.payload.toByteArray()), "unmasked frames parsed");

        counter = new PayloadCounter();
        parser = new FrameParser(counter, true, Long.MAX_VALUE);
        clientParser = new FrameParser(counter, false, Long.MAX_VALUE);
        copySource = FrameParseBenchmark.allocate(PAYLOAD_BYTES, direct).put(expected).flip();
        copyTarget = FrameParseBenchmark.allocate(PAYLOAD_BYTES, direct);
    }

    /** {@value #FRAMES} frames: header decode + in-place unmask + listener dispatch each. */
    @Benchmark
    public long parse() throws ProtocolException {
        counter.payloadBytes = 0;
        parser.parse(frames.clear());
        return counter.payloadBytes;
    }

    /**
     * Client side: the same {@value #FRAMES} payloads in unmasked (server-to-client) frames of 66 bytes, so no
     * mask key to read and nothing to XOR. The difference from {@link #parse} is the cost of masking per frame.
     */
    @Benchmark
    public long parseUnmasked() throws ProtocolException {
        counter.payloadBytes = 0;
        clientParser.parse(serverFrames.clear());
        return counter.payloadBytes;
    }

    /** {@code ByteBuffer.put(ByteBuffer)} of the {@value #PAYLOAD_BYTES} payload bytes. */
    @Benchmark
    public ByteBuffer copyBaseline() {
        return copyTarget.clear().put(copySource.clear());
    }
}
