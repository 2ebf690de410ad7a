package dev.duplex.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one run of one scenario against one server measured. Latencies are in microseconds: the round trip of one
 * echo, or for BROADCAST the time from the send until the last of all sessions had the message. The Suite adds the
 * server-side figures (CPU, memory) and the machine's load average.
 */
public final class Result {

    public final Scenario scenario;
    public final Histogram latencyMicros = new Histogram(1, 600_000_000L, 3);
    public long messages;
    public long verified;
    public double seconds;
    public long errors;
    public final List<String> errorSamples = new ArrayList<>();

    // filled in by the Suite; NaN when not measured
    public String server;
    public int rep;
    public double serverCpuMicrosPerMessage = Double.NaN;
    public double heapBytesPerConnection = Double.NaN;
    public double rssBytesPerConnection = Double.NaN;
    public double loadAverage = Double.NaN;

    public Result(Scenario scenario) {
        this.scenario = scenario;
    }

    void error(String what) {
        errors++;
        if (errorSamples.size() < 5) {
            errorSamples.add(what);
        }
    }

    public double messagesPerSecond() {
        return seconds > 0 ? messages / seconds : Double.NaN;
    }

    /** Payload megabytes (10^6) echoed per second, counted once (not there and back). */
    public double megabytesPerSecond() {
        return messagesPerSecond() * scenario.size() / 1e6;
    }

    public double percentileMicros(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile);
    }

    /** The scenario's headline figure (see {@link Scenario#metric()}). */
    public double headline() {
        return switch (scenario.mode()) {
            case ECHO -> scenario.size() >= 16 * 1024 ? megabytesPerSecond() : messagesPerSecond();
            case BROADCAST -> percentileMicros(50) / 1000.0;
            case IDLE -> heapBytesPerConnection;
        };
    }

    @Override
    public String toString() {
        return String.format("%s %s rep %d: %.0f msg/s, %.1f MB/s, p50 %.0f us, p99 %.0f us, p99.9 %.0f us, "
                        + "cpu %.1f us/msg, heap/conn %.0f B, rss/conn %.0f B, %d verified, %d errors %s",
                server, scenario.name(), rep, messagesPerSecond(), megabytesPerSecond(), percentileMicros(50),
                percentileMicros(99), percentileMicros(99.9), serverCpuMicrosPerMessage, heapBytesPerConnection,
                rssBytesPerConnection, verified, errors, errorSamples);
    }
}
