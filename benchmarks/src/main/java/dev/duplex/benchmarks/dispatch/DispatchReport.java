package dev.duplex.benchmarks.dispatch;

import dev.duplex.benchmarks.JmhDefaults;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs {@link DispatchBenchmark} through JMH with the GC profiler and prints one Markdown row per benchmark and
 * parameter set: nanoseconds per message (mean, 99.9% confidence half-width, fastest iteration) and bytes
 * allocated per message in the whole JVM ({@code gc.alloc.rate.norm}). The codec benchmarks' {@code Report} speaks
 * in MB/s against a copy ceiling; a round trip has no such ceiling, so this is its counterpart.
 *
 * <p>Takes JMH's own options ({@code -f 1 -wi 3 -i 5}, a benchmark regex, {@code -p dispatch=executor,inline},
 * {@code -prof stack}, ...). Adds {@code -prof gc} unless profilers are given (then add {@code gc} yourself for the
 * B/op column); writes JMH's raw results to {@code duplex-dispatch.json} unless {@code -rf}/{@code -rff} say
 * otherwise. Runs on the main thread, which waits for JMH's forks.
 */
public final class DispatchReport {

    private static final String ALLOC = "gc.alloc.rate.norm";

    private DispatchReport() {
    }

    public static void main(String[] args) throws CommandLineOptionException, RunnerException, IOException {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp()) {
            cli.showHelp();
            return;
        }
        ChainedOptionsBuilder options = JmhDefaults.options(cli, "duplex-dispatch.json",
                DispatchBenchmark.class.getName() + "\\.");
        if (cli.getProfilers().isEmpty()) {
            options.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println(table(results));
    }

    /** The Markdown table, preceded by one line naming the machine, JDK, date and load average. */
    static String table(Collection<RunResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s, %d cores, JDK %s (%s), %s, load average %.2f%n%n",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        out.append("| Benchmark | message | dispatch | ns/message | ± ns | best ns | B/message | messages/s |\n");
        out.append("|---|---|---|--:|--:|--:|--:|--:|\n");
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> key(a).compareTo(key(b)));
        for (RunResult result : sorted) {
            BenchmarkParams params = result.getParams();
            Result<?> primary = result.getPrimaryResult();
            double nanos = toNanos(primary.getScore(), primary.getScoreUnit());
            double error = toNanos(primary.getScoreError(), primary.getScoreUnit());
            double best = Double.MAX_VALUE;
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    best = Math.min(best, toNanos(iteration.getPrimaryResult().getScore(), primary.getScoreUnit()));
                }
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %,.0f | %s | %,.0f |%n",
                    method(params), message(params), params.getParam("dispatch"), nanos,
                    Double.isNaN(error) ? "-" : String.format(Locale.ROOT, "%,.0f", error), best,
                    allocation(result.getSecondaryResults()), 1e9 / nanos));
        }
        return out.toString();
    }

    private static String key(RunResult result) {
        BenchmarkParams params = result.getParams();
        return method(params) + " " + message(params) + " " + params.getParam("dispatch");
    }

    private static String method(BenchmarkParams params) {
        String name = params.getBenchmark();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String message(BenchmarkParams params) {
        String message = params.getParam("message");
        return message != null ? message : DispatchBenchmark.BATCH + " × text-64B per read";
    }

    private static String allocation(Map<String, Result> secondary) {
        for (Map.Entry<String, Result> e : secondary.entrySet()) {
            if (e.getKey().endsWith(ALLOC)) {
                return String.format(Locale.ROOT, "%,.0f", e.getValue().getScore());
            }
        }
        return "-";
    }

    /** A score in JMH's time-per-operation unit ("ns/op", "us/op", ...) in nanoseconds. */
    private static double toNanos(double score, String unit) {
        switch (unit.substring(0, unit.indexOf('/'))) {
            case "ns": return score;
            case "us": return score * 1e3;
            case "ms": return score * 1e6;
            case "s": return score * 1e9;
            default: throw new IllegalArgumentException("run in AverageTime mode (-bm avgt); score unit was " + unit);
        }
    }
}
