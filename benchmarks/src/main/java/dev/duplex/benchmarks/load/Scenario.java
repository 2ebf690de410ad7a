package dev.duplex.benchmarks.load;

import java.util.List;

/**
 * One load pattern. {@code mode}: ECHO (every connection keeps {@code inFlight} messages of {@code size} bytes
 * outstanding on {@code /echo}, or {@code /echo-large} from 16 KiB on), BROADCAST (connection 0 sends one 64 B text
 * to {@code /broadcast}, timed until all {@code connections} sessions have it, then the next), IDLE (open
 * {@code connections} on {@code /echo}, one verified echo each, then hold them while the Suite measures the
 * server's memory: see {@link ServerMemory}).
 */
public record Scenario(String name, Mode mode, int connections, int inFlight, int size, boolean binary,
                       int warmupSeconds, int seconds) {

    /** What a scenario does. */
    public enum Mode { ECHO, BROADCAST, IDLE }

    public String path() {
        if (mode == Mode.BROADCAST) {
            return "/broadcast";
        }
        return size >= 16 * 1024 ? "/echo-large" : "/echo";
    }

    /** The headline figure's name and unit in the report. */
    public String metric() {
        return switch (mode) {
            case ECHO -> size >= 16 * 1024 ? "MB/s" : "msg/s";
            case BROADCAST -> "ms per broadcast (p50)";
            case IDLE -> "heap + off-heap bytes per connection";
        };
    }

    /** Whether a bigger headline figure is better. */
    public boolean higherIsBetter() {
        return mode == Mode.ECHO;
    }

    public Scenario withTimes(int warmup, int measured) {
        return new Scenario(name, mode, connections, inFlight, size, binary, warmup, measured);
    }

    public Scenario withConnections(int count) {
        return new Scenario(name, mode, count, inFlight, size, binary, warmupSeconds, seconds);
    }

    /**
     * The scenarios of issue #7's method table. Idle first, on a freshly started server: heap per connection is
     * only comparable between servers measured in the same state (tomcat-bare runs the idle scenario only).
     */
    public static List<Scenario> standard(int warmup, int seconds, int idleConnections) {
        return List.of(
                new Scenario("idle-c" + idleConnections, Mode.IDLE, idleConnections, 1, 64, false, 0, 0),
                new Scenario("echo-64B-text-c100-w1", Mode.ECHO, 100, 1, 64, false, warmup, seconds),
                new Scenario("echo-64B-text-c100-w16", Mode.ECHO, 100, 16, 64, false, warmup, seconds),
                new Scenario("echo-16KiB-binary-c100-w1", Mode.ECHO, 100, 1, 16 * 1024, true, warmup, seconds),
                new Scenario("echo-1MiB-binary-c10-w1", Mode.ECHO, 10, 1, 1 << 20, true, warmup, seconds),
                new Scenario("broadcast-64B-c1000", Mode.BROADCAST, 1000, 1, 64, false, warmup, seconds),
                new Scenario("broadcast-64B-c10000", Mode.BROADCAST, 10_000, 1, 64, false, warmup, seconds));
    }
}
