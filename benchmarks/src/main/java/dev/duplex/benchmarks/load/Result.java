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
    /**
     * The load generator's own thread: CPU time over the measured period, as a share of that period (1.0 is its whole
     * core). Near 1.0 the generator, not the server, set the pace of the run.
     */
    public double clientCpuShare = Double.NaN;
    public double heapBytesPerConnection = Double.NaN;
    public double rssBytesPerConnection = Double.NaN;
    // IDLE, per connection (see ServerMemory): committed native memory (NMT) but the heap and the one-time categories
    public double offHeapBytesPerConnection = Double.NaN;
    /** Of the off-heap: NMT "Other" (JDK 17 counts direct buffers and Unsafe memory there) and "Thread" (stacks). */
    public double nmtOtherBytesPerConnection = Double.NaN;
    public double nmtThreadBytesPerConnection = Double.NaN;
    /** The direct ByteBuffers in use (BufferPool MXBean), a cross-check of "Other". */
    public double directBufferBytesPerConnection = Double.NaN;
    /** JIT code, class metadata and the like: not counted in the off-heap figure. */
    public double oneTimeBytesPerConnection = Double.NaN;
    /** RSS outside the Java heap's address range: the cross-check of the off-heap figure. */
    public double nonHeapRssBytesPerConnection = Double.NaN;
    /** Connections established on the server's port when the memory was read; -1 when not counted. */
    public int serverConnections = -1;
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

    /** IDLE: fills the memory figures from the readings before the connections were opened and while held. */
    void idleMemory(ServerMemory.Snapshot before, ServerMemory.Snapshot after) {
        double n = scenario.connections();
        serverConnections = after.established();
        heapBytesPerConnection = (after.heapUsed() - before.heapUsed()) / n;
        rssBytesPerConnection = (after.rss() - before.rss()) / n;
        nonHeapRssBytesPerConnection = (after.rssOutsideHeap() - before.rssOutsideHeap()) / n;
        if (!after.nmtCommitted().isEmpty() && !before.nmtCommitted().isEmpty()) {
            offHeapBytesPerConnection = (after.offHeap() - before.offHeap()) / n;
            oneTimeBytesPerConnection = (after.oneTime() - before.oneTime()) / n;
            nmtOtherBytesPerConnection = (after.nmt("Other") - before.nmt("Other")) / n;
            nmtThreadBytesPerConnection = (after.nmt("Thread") - before.nmt("Thread")) / n;
        }
        if (after.directBuffers() >= 0 && before.directBuffers() >= 0) {
            directBufferBytesPerConnection = (after.directBuffers() - before.directBuffers()) / n;
        }
    }

    /** IDLE: heap after GC plus off-heap, per connection. */
    public double totalBytesPerConnection() {
        return heapBytesPerConnection + offHeapBytesPerConnection;
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
            case IDLE -> totalBytesPerConnection();
        };
    }

    @Override
    public String toString() {
        return String.format("%s %s rep %d: %.0f msg/s, %.1f MB/s, p50 %.0f us, p99 %.0f us, p99.9 %.0f us, "
                        + "cpu %.1f us/msg, client cpu %.0f%%, heap/conn %.0f B, off-heap/conn %.0f B, "
                        + "rss/conn %.0f B, %d verified, %d errors %s",
                server, scenario.name(), rep, messagesPerSecond(), megabytesPerSecond(), percentileMicros(50),
                percentileMicros(99), percentileMicros(99.9), serverCpuMicrosPerMessage, clientCpuShare * 100,
                heapBytesPerConnection, offHeapBytesPerConnection, rssBytesPerConnection, verified, errors,
                errorSamples);
    }
}
