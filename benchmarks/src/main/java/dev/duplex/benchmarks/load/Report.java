package dev.duplex.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Writes {@code <out>/<date>.md} (one table per scenario: the median over repetitions of the headline figure, its
 * spread min–max, ratios to Tomcat's own implementation and to the raw-NIO floor, latency percentiles, server CPU per
 * message, errors, load average), {@code <out>/<date>.csv} (every run) and one PNG bar chart per scenario.
 */
final class Report {

    private static final String IDLE_NOTE = "\nPer connection: after opening the connections, less before (fresh "
            + "server, no connection open on its port). Heap: used after `jcmd GC.run`. Off-heap: memory committed in "
            + "the Native Memory Tracking categories other than the Java heap and the one-time ones (JIT code and "
            + "arenas, class metadata, symbols, NMT itself: the \"not counted\" column). Direct buffers: "
            + "`java.nio:type=BufferPool,name=direct` MemoryUsed (JDK 17 counts them in NMT Other). Non-heap RSS: RSS "
            + "outside the Java heap's address range, the cross-check of off-heap; RSS counts heap pages touched by "
            + "garbage too. Kernel memory (socket buffers, descriptors) is neither the JVM's nor ours and is counted "
            + "nowhere. × own: against the host container's own implementation.\n";

    private final List<Result> results;
    private final List<Scenario> scenarios;
    private final List<ServerSpec> servers;
    private final int reps;
    private final String loadBefore;
    private final String loadAfter;

    Report(List<Result> results, List<Scenario> scenarios, List<ServerSpec> servers, int reps, String loadBefore,
           String loadAfter) {
        this.results = results;
        this.scenarios = scenarios;
        this.servers = servers;
        this.reps = reps;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
    }

    void write(Path out, String date) throws IOException {
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder();
        md.append("# Load benchmarks ").append(date).append("\n\n")
                .append(String.format("%d repetition(s), servers alternated in the order %s; load average "
                        + "(1/5/15 min) %s before, %s after. Server on CPU 0, load generator on CPU 1. "
                        + "Figures are medians over the repetitions; `spread` is min–max. A run with errors "
                        + "is left out of the median.%n%n", reps, ids(), loadBefore, loadAfter));
        for (Scenario scenario : scenarios) {
            table(md, scenario);
            chart(out, date, scenario);
            md.append("\n![").append(scenario.name()).append("](").append(chartName(date, scenario)).append(")\n\n");
        }
        Files.writeString(out.resolve(date + ".md"), md);
        Files.writeString(out.resolve(date + ".csv"), csv());
        System.out.println(md);
        System.out.println("wrote " + out.resolve(date + ".md"));
    }

    private String ids() {
        return String.join(" ", servers.stream().map(s -> s.id).toList());
    }

    private void table(StringBuilder md, Scenario s) {
        md.append("## ").append(s.name()).append("\n\n");
        boolean idle = s.mode() == Scenario.Mode.IDLE;
        md.append("| server | ").append(s.metric()).append(" | spread | × tomcat | × tomcat per rep | × raw | ")
                .append(idle ? "× own | heap B/conn | spread | off-heap B/conn | spread | of which NMT Other "
                        + "| of which thread stacks | direct buffers (MXBean) | JIT + classes, not counted "
                        + "| non-heap RSS B/conn | RSS B/conn | conns held |"
                        : "p50 µs | p99 µs | p99.9 µs | server CPU µs/msg | client CPU |")
                .append(" runs ok | errors | load avg |\n")
                .append("|---|").append("--:|".repeat(idle ? 18 : 11)).append("---|--:|\n");
        double reference = median(ok(s, ServerSpec.REFERENCE.id), Result::headline);
        double floor = median(ok(s, ServerSpec.FLOOR.id), Result::headline);
        for (ServerSpec server : servers) {
            List<Result> all = of(s, server.id);
            if (all.isEmpty()) {
                continue;
            }
            List<Result> ok = ok(s, server.id);
            double value = median(ok, Result::headline);
            md.append("| ").append(server.id).append(" | ").append(num(value)).append(" | ")
                    .append(spread(ok, Result::headline)).append(" | ").append(ratio(value, reference))
                    .append(" | ").append(pairedRatios(s, server.id)).append(" | ")
                    .append(ratio(value, floor)).append(" | ");
            if (idle) {
                md.append(ratio(value, median(ok(s, own(server.id)), Result::headline))).append(" | ");
                idleColumns(md, ok);
            } else {
                md.append(num(median(ok, r -> r.percentileMicros(50)))).append(" | ")
                        .append(num(median(ok, r -> r.percentileMicros(99)))).append(" | ")
                        .append(num(median(ok, r -> r.percentileMicros(99.9)))).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", median(ok, r -> r.serverCpuMicrosPerMessage)))
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f %%", 100 * median(ok,
                                r -> r.clientCpuShare)))
                        .append(" | ");
            }
            md.append(ok.size()).append("/").append(all.size()).append(" | ").append(errors(all)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f–%.1f", min(all, r -> r.loadAverage),
                            max(all, r -> r.loadAverage)))
                    .append(" |\n");
        }
        if (idle) {
            md.append(IDLE_NOTE);
        }
    }

    private static void idleColumns(StringBuilder md, List<Result> ok) {
        md.append(num(median(ok, r -> r.heapBytesPerConnection))).append(" | ")
                .append(spread(ok, r -> r.heapBytesPerConnection)).append(" | ")
                .append(num(median(ok, r -> r.offHeapBytesPerConnection))).append(" | ")
                .append(spread(ok, r -> r.offHeapBytesPerConnection)).append(" | ");
        List<ToDoubleFunction<Result>> more = List.of(r -> r.nmtOtherBytesPerConnection,
                r -> r.nmtThreadBytesPerConnection, r -> r.directBufferBytesPerConnection,
                r -> r.oneTimeBytesPerConnection, r -> r.nonHeapRssBytesPerConnection,
                r -> r.rssBytesPerConnection, r -> r.serverConnections < 0 ? Double.NaN : r.serverConnections);
        for (ToDoubleFunction<Result> f : more) {
            md.append(num(median(ok, f))).append(" | ");
        }
    }

    /**
     * The ratio to Tomcat's own within each repetition (the two servers ran minutes apart at most, so slow drift of
     * the machine mostly cancels): the median of those ratios and their range, or "–" without a pair.
     */
    private String pairedRatios(Scenario s, String id) {
        List<Double> ratios = new ArrayList<>();
        for (Result r : ok(s, id)) {
            for (Result t : ok(s, ServerSpec.REFERENCE.id)) {
                if (t.rep == r.rep && t.headline() > 0 && !Double.isNaN(r.headline())) {
                    ratios.add(r.headline() / t.headline());
                }
            }
        }
        if (ratios.isEmpty()) {
            return "–";
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", middle(sorted), sorted[0], sorted[sorted.length - 1]);
    }

    /** The host container's own implementation for a server id: duplex-undertow, undertow -> undertow. */
    private static String own(String id) {
        String host = id.startsWith("duplex-") ? id.substring("duplex-".length()) : id;
        int dash = host.indexOf('-');
        return dash > 0 ? host.substring(0, dash) : host;
    }

    private static String spread(List<Result> runs, ToDoubleFunction<Result> f) {
        return num(min(runs, f)) + "–" + num(max(runs, f));
    }

    private static String errors(List<Result> runs) {
        long count = runs.stream().mapToLong(r -> r.errors).sum();
        if (count == 0) {
            return "0";
        }
        String first = runs.stream().flatMap(r -> r.errorSamples.stream()).findFirst().orElse("");
        return count + ": " + first.replace("|", "/");
    }

    private void chart(Path out, String date, Scenario s) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> spread = new ArrayList<>();
        for (ServerSpec server : servers) {
            List<Result> ok = ok(s, server.id);
            if (!ok.isEmpty()) {
                names.add(server.id);
                values.add(median(ok, Result::headline));
                spread.add((max(ok, Result::headline) - min(ok, Result::headline)) / 2);
            }
        }
        if (names.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(420)
                .title(s.name() + " (median of " + reps + ", bars = spread/2)").yAxisTitle(s.metric()).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.addSeries(s.metric(), names, values, spread);
        BitmapEncoder.saveBitmap(chart, out.resolve(chartName(date, s)).toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String chartName(String date, Scenario s) {
        return date + "-" + s.name() + ".png";
    }

    private String csv() {
        StringBuilder csv = new StringBuilder("server,rep,scenario,msg_per_s,mb_per_s,p50_us,p99_us,p999_us,"
                + "server_cpu_us_per_msg,heap_b_per_conn,rss_b_per_conn,verified,errors,load1,first_error,"
                + "offheap_b_per_conn,total_b_per_conn,nmt_other_b_per_conn,nmt_thread_b_per_conn,"
                + "direct_buffer_b_per_conn,one_time_b_per_conn,nonheap_rss_b_per_conn,server_conns,"
                + "client_cpu_share\n");
        for (Result r : results) {
            csv.append(String.join(",", r.server, Integer.toString(r.rep), r.scenario.name(),
                    plain(r.messagesPerSecond()), plain(r.megabytesPerSecond()), plain(r.percentileMicros(50)),
                    plain(r.percentileMicros(99)), plain(r.percentileMicros(99.9)),
                    String.format(Locale.ROOT, "%.2f", r.serverCpuMicrosPerMessage), plain(r.heapBytesPerConnection),
                    plain(r.rssBytesPerConnection), Long.toString(r.verified), Long.toString(r.errors),
                    Double.toString(r.loadAverage),
                    r.errorSamples.isEmpty() ? "" : '"' + r.errorSamples.get(0).replace('"', '\'') + '"',
                    plain(r.offHeapBytesPerConnection), plain(r.totalBytesPerConnection()),
                    plain(r.nmtOtherBytesPerConnection), plain(r.nmtThreadBytesPerConnection),
                    plain(r.directBufferBytesPerConnection), plain(r.oneTimeBytesPerConnection),
                    plain(r.nonHeapRssBytesPerConnection),
                    r.serverConnections < 0 ? "" : Integer.toString(r.serverConnections),
                    String.format(Locale.ROOT, "%.3f", r.clientCpuShare)))
                    .append('\n');
        }
        return csv.toString();
    }

    private List<Result> of(Scenario s, String server) {
        return results.stream().filter(r -> r.server.equals(server) && r.scenario.name().equals(s.name())).toList();
    }

    private List<Result> ok(Scenario s, String server) {
        return of(s, server).stream().filter(r -> r.errors == 0).toList();
    }

    private static double median(List<Result> runs, ToDoubleFunction<Result> f) {
        double[] v = runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
        return v.length == 0 ? Double.NaN : middle(v);
    }

    /** The median of sorted, non-empty values. */
    private static double middle(double[] v) {
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Result> runs, ToDoubleFunction<Result> f) {
        return runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN);
    }

    private static double max(List<Result> runs, ToDoubleFunction<Result> f) {
        return runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
    }

    private static String ratio(double value, double base) {
        if (Double.isNaN(value) || Double.isNaN(base) || base == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", value / base);
    }

    private static String plain(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
