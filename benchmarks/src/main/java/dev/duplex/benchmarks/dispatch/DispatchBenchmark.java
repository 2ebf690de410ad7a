package dev.duplex.benchmarks.dispatch;

import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole server-side path of a message, with no socket and no servlet container: bytes in, frame parse, message
 * assembly, dispatch to the {@code @OnMessage} of a deployed annotated {@code @ServerEndpoint} ({@link EchoEndpoint},
 * which returns what it got), encoding, frame bytes out. The JMH thread plays the container's I/O thread: it hands
 * pre-built masked client frames to the connection in one {@code onRead} and waits (spin, then park; see
 * {@link MemoryTransport}) until the echo frames were written, so the time per operation is a round trip through
 * Duplex, including the hand-over to the endpoint's thread and back.
 *
 * <ul>
 *   <li>{@link #roundTrip}: one message in, its echo out; {@code message} = {@code text-64B}, {@code binary-64B},
 *       {@code binary-16KiB}.</li>
 *   <li>{@link #batch16}: 16 text messages of 64 bytes in one read, all 16 echoes out; reported <b>per message</b>
 *       ({@code @OperationsPerInvocation(16)}), so it compares directly with {@code roundTrip text-64B}.</li>
 * </ul>
 * {@code dispatch} chooses where the endpoint runs ({@link DispatchMode}): {@code executor} (a hop to a pool thread
 * and the reader waits for the echo) or {@code inline} (the echo is written before {@code onRead} returns).
 * Allocation per operation comes from
 * {@code -prof gc} ({@code gc.alloc.rate.norm}), which counts every thread of the JVM, the dispatcher's too.
 * {@link DispatchReport} runs these with {@code -prof gc} and prints ns and bytes per message.
 *
 * <p>Every trial first checks two echoes byte for byte ({@link EchoConnection#verify}); a wrong answer fails the
 * run before any timing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {

    static final int BATCH = 16;

    /** One message per operation. */
    @State(Scope.Thread)
    public static class OneMessage {
        @Param({"text-64B", "binary-64B", "binary-16KiB"})
        public String message;

        @Param({"executor", "inline"})
        public String dispatch;

        EchoConnection connection;
        EchoFrames frames;

        @Setup(Level.Trial)
        public void setUp() throws DeploymentException {
            frames = frames(message, 1);
            connection = new EchoConnection(dispatch);
            connection.verify(frames);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            connection.close();
        }
    }

    /** {@value #BATCH} small text messages per read. */
    @State(Scope.Thread)
    public static class Batch {
        @Param({"executor", "inline"})
        public String dispatch;

        EchoConnection connection;
        EchoFrames frames;

        @Setup(Level.Trial)
        public void setUp() throws DeploymentException {
            frames = frames("text-64B", BATCH);
            connection = new EchoConnection(dispatch);
            connection.verify(frames);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            connection.close();
        }
    }

    /** {@code count} frames of the named case: {@code text-64B}, {@code binary-64B} or {@code binary-16KiB}. */
    static EchoFrames frames(String message, int count) {
        switch (message) {
            case "text-64B": return new EchoFrames(EchoFrames.TEXT, 64, count);
            case "binary-64B": return new EchoFrames(EchoFrames.BINARY, 64, count);
            case "binary-16KiB": return new EchoFrames(EchoFrames.BINARY, 16 * 1024, count);
            default: throw new IllegalArgumentException("unknown message case '" + message + "'");
        }
    }

    /** One message in, its echo written. */
    @Benchmark
    public long roundTrip(OneMessage state) {
        return state.connection.roundTrip(state.frames);
    }

    /** {@value #BATCH} messages in one read, all echoes written; time and allocation per message. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batch16(Batch state) {
        return state.connection.roundTrip(state.frames);
    }
}
