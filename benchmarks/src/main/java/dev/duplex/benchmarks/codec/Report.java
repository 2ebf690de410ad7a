package dev.duplex.benchmarks.codec;

import dev.duplex.benchmarks.JmhDefaults;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
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
 * Runs the codec benchmarks through JMH and prints them as payload throughput next to the copy ceiling:
 * one Markdown row per benchmark and parameter set with MB/s (10^6 bytes per second, mean and 99.9% confidence
 * half-width as JMH computes them), the best measurement iteration, and the percentage of the
 * {@code copyBaseline} of the same class and parameters (the same number of bytes copied in the same run), both
 * mean to mean and best to best. On a machine shared with other work the best iteration is the figure least
 * disturbed by it; on a quiet machine both agree.
 *
 * <p>Takes JMH's own command-line options ({@code -f 1 -wi 3 -w 1s -i 5 -r 1s}, a benchmark regex, {@code -p},
 * ...). Unless {@code -rf}/{@code -rff} say otherwise, JMH's raw results also go to
 * {@code duplex-benchmarks.json} in the working directory.
 *
 * <p>Runs on the main thread; JMH forks a JVM per benchmark and blocks this one until all have finished.
 */
public final class Report {

    private static final String COPY = "copyBaseline";

    private Report() {
    }

    public static void main(String[] args) throws CommandLineOptionException, RunnerException, IOException {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp()) {
            cli.showHelp();
            return;
        }
        ChainedOptionsBuilder options = JmhDefaults.options(cli, "duplex-benchmarks.json",
                Report.class.getPackageName() + "\\.");
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println(table(results));
    }

    /** The Markdown table for these results, preceded by one line naming the machine, JDK and date. */
    static String table(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            rows.add(Row.of(result));
        }
        rows.sort(null);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s, %d cores, JDK %s (%s), %s%n%n",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))));
        out.append("| Benchmark | Params | Bytes/op | MB/s | ± MB/s | best MB/s | copy MB/s | % of copy"
                + " | best % of best copy |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Row row : rows) {
            Row copy = rows.stream().filter(row::isCopyOfSame).findFirst().orElse(null);
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %s | %,.0f | %s | %s | %s |%n",
                    row.name(), row.paramText(), row.bytesPerOp, row.megabytesPerSecond(),
                    Double.isNaN(row.errorMegabytesPerSecond()) ? "-"
                            : String.format(Locale.ROOT, "%,.0f", row.errorMegabytesPerSecond()),
                    row.bestMegabytesPerSecond(),
                    copy == null ? "-" : String.format(Locale.ROOT, "%,.0f", copy.megabytesPerSecond()),
                    copy == null ? "-" : percent(row.megabytesPerSecond(), copy.megabytesPerSecond()),
                    copy == null ? "-" : percent(row.bestMegabytesPerSecond(), copy.bestMegabytesPerSecond())));
        }
        return out.toString();
    }

    private static String percent(double value, double ceiling) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * value / ceiling);
    }

    /** One benchmark with one parameter set, its score converted to operations per second. */
    private static final class Row implements Comparable<Row> {
        final String className;
        final String method;
        final Map<String, String> params;
        final long bytesPerOp;
        final double opsPerSecond;
        final double opsPerSecondError;
        final double bestOpsPerSecond;

        private Row(String className, String method, Map<String, String> params, long bytesPerOp,
                double opsPerSecond, double opsPerSecondError, double bestOpsPerSecond) {
            this.className = className;
            this.method = method;
            this.params = params;
            this.bytesPerOp = bytesPerOp;
            this.opsPerSecond = opsPerSecond;
            this.opsPerSecondError = opsPerSecondError;
            this.bestOpsPerSecond = bestOpsPerSecond;
        }

        static Row of(RunResult result) {
            BenchmarkParams benchmark = result.getParams();
            String fullName = benchmark.getBenchmark();
            String method = fullName.substring(fullName.lastIndexOf('.') + 1);
            String qualifiedClass = fullName.substring(0, fullName.lastIndexOf('.'));
            String className = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
            Map<String, String> params = new TreeMap<>();
            for (String key : benchmark.getParamsKeys()) {
                params.put(key, benchmark.getParam(key));
            }
            Result<?> primary = result.getPrimaryResult();
            double perSecond = perSecond(primary.getScoreUnit());
            double score = primary.getScore();
            double error = primary.getScoreError();   // NaN with fewer than 2 iterations
            double ops = toOpsPerSecond(score, perSecond);
            double opsError = ops * error / score;   // to first order, also for a time per operation
            double best = 0;
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    best = Math.max(best, toOpsPerSecond(iteration.getPrimaryResult().getScore(), perSecond));
                }
            }
            return new Row(className, method, params, bytesPerOp(className, params), ops, opsError, best);
        }

        private static double toOpsPerSecond(double score, double perSecond) {
            return perSecond > 0 ? score * perSecond : 1 / (score / -perSecond);
        }

        /** ops/s factor for "ops/s", "ops/ms", ...; minus the seconds per unit for "s/op", "ms/op", .... */
        private static double perSecond(String unit) {
            boolean rate = unit.startsWith("ops/");
            String time = rate ? unit.substring(4) : unit.substring(0, unit.indexOf('/'));
            double secondsPerUnit;
            switch (time) {
                case "s": secondsPerUnit = 1; break;
                case "ms": secondsPerUnit = 1e-3; break;
                case "us": secondsPerUnit = 1e-6; break;
                case "ns": secondsPerUnit = 1e-9; break;
                case "min": secondsPerUnit = 60; break;
                default: throw new IllegalArgumentException("unknown JMH score unit " + unit);
            }
            return rate ? 1 / secondsPerUnit : -1 / secondsPerUnit;
        }

        /** Payload bytes one operation of this benchmark handles (the copy baselines copy as many). */
        private static long bytesPerOp(String className, Map<String, String> params) {
            if (params.containsKey("size")) {
                return Long.parseLong(params.get("size"));
            }
            switch (className) {
                case "SmallFramesParseBenchmark": return SmallFramesParseBenchmark.PAYLOAD_BYTES;
                case "Utf8Benchmark": return Utf8Benchmark.TEXT_BYTES;
                default: throw new IllegalArgumentException("no byte count known for " + className);
            }
        }

        double megabytesPerSecond() {
            return opsPerSecond * bytesPerOp / 1e6;
        }

        /** The fastest measurement iteration: the least disturbed by other work on a shared machine. */
        double bestMegabytesPerSecond() {
            return bestOpsPerSecond * bytesPerOp / 1e6;
        }

        double errorMegabytesPerSecond() {
            return opsPerSecondError * bytesPerOp / 1e6;
        }

        String name() {
            return className.replace("Benchmark", "") + "." + method;
        }

        String paramText() {
            StringBuilder text = new StringBuilder();
            params.forEach((key, value) -> {
                text.append(text.length() == 0 ? "" : ", ");
                text.append("size".equals(key) ? humanSize(Long.parseLong(value)) : key + "=" + value);
            });
            return text.toString();
        }

        private static String humanSize(long bytes) {
            if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
                return (bytes >> 20) + " MiB";
            }
            if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
                return (bytes >> 10) + " KiB";
            }
            return bytes + " B";
        }

        boolean isCopyOfSame(Row other) {
            return other.method.equals(COPY) && other.className.equals(className) && other.params.equals(params);
        }

        private int sizeOrZero() {
            return Integer.parseInt(params.getOrDefault("size", "0"));
        }

        @Override
        public int compareTo(Row other) {
            int byClass = className.compareTo(other.className);
            if (byClass != 0) {
                return byClass;
            }
            int bySize = Integer.compare(sizeOrZero(), other.sizeOrZero());
            if (bySize != 0) {
                return bySize;
            }
            int byParams = params.toString().compareTo(other.params.toString());
            return byParams != 0 ? byParams : method.compareTo(other.method);
        }
    }
}
