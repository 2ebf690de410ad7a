package dev.duplex.benchmarks.codec;

import dev.duplex.frame.FrameParser;
import dev.duplex.frame.FrameWriter;
import dev.duplex.frame.Masker;
import dev.duplex.frame.OpCode;
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
 * Send path: one binary frame written into a preallocated heap buffer, header by {@link FrameWriter#writeHeader}
 * and payload copied from the application's buffer.
 * <ul>
 *   <li>{@link #writeMasked}: client side, header + copy + {@link Masker#mask} over the copy (a client cannot
 *       mask the application's buffer in place, so the copy is part of the real cost);</li>
 *   <li>{@link #writeUnmasked}: server side, header + copy;</li>
 *   <li>{@link #copyBaseline}: the copy alone, the ceiling.</li>
 * </ul>
 * The masking key is fixed: drawing a fresh key per frame is the connection's job, not the codec's.
 *
 * <p>Runs on one JMH thread ({@code Scope.Thread}); the setup parses the written frames back before any timing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameWriteBenchmark {

    /** Payload bytes of the frame: 64 B, 1 KiB, 64 KiB, 1 MiB. */
    @Param({"64", "1024", "65536", "1048576"})
    public int size;

    private ByteBuffer payload;
    private ByteBuffer target;

    @Setup(Level.Trial)
    public void setUp() throws ProtocolException {
        byte[] bytes = WireFrames.randomPayload(size, 7692L + size);
        payload = ByteBuffer.allocate(size).put(bytes).flip();
        target = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH + size);

        writeUnmasked();
        ByteBuffer expected = ByteBuffer.allocate(WireFrames.headerLength(size, false) + size);
        WireFrames.put(expected, OpCode.BINARY, bytes, false, 0);
        WireFrames.check(WireFrames.sameBytes(expected.array(), target.flip()), "unmasked frame is byte-exact");

        writeMasked();
        PayloadCollector collector = new PayloadCollector();
        new FrameParser(collector, true, Long.MAX_VALUE).parse(target.flip());
        WireFrames.check(collector.frames == 1, "masked frame parses back");
        WireFrames.check(Arrays.equals(bytes, collector.payload.toByteArray()), "masked frame round-trips");
    }

    /** Client to server: header with key, copy of the payload, mask of the copy. */
    @Benchmark
    public ByteBuffer writeMasked() {
        ByteBuffer dst = target.clear();
        FrameWriter.writeHeader(dst, true, 0, OpCode.BINARY, size, true, WireFrames.MASK_KEY);
        int from = dst.position();
        dst.put(payload.clear());
        Masker.mask(dst, from, dst.position(), WireFrames.MASK_KEY, 0);
        return dst;
    }

    /** Server to client: header, copy of the payload. */
    @Benchmark
    public ByteBuffer writeUnmasked() {
        ByteBuffer dst = target.clear();
        FrameWriter.writeHeader(dst, true, 0, OpCode.BINARY, size, false, 0);
        return dst.put(payload.clear());
    }

    /** {@code ByteBuffer.put(ByteBuffer)} of {@code size} bytes: the ceiling on this machine. */
    @Benchmark
    public ByteBuffer copyBaseline() {
        return target.clear().put(payload.clear());
    }
}
