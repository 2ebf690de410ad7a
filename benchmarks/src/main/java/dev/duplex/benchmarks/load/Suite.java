package dev.duplex.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the load scenarios against every server under test and writes the report. For each repetition, each server
 * in turn (A B C ... A B C ..., so drift over time hits all alike) is started in a fresh JVM pinned to CPU 0
 * ({@code -Xms2g -Xmx2g -XX:+UseG1GC}, plus {@code -XX:NativeMemoryTracking=summary} when the idle scenario runs),
 * every scenario is run against it from this JVM, which pins itself to CPU 1, and the server is stopped. The idle
 * scenario's memory is read by {@link ServerMemory} once the server holds no connection and again while it holds
 * them all. Every run is bounded in time; every process started is stopped.
 *
 * <pre>
 * java -cp BUILD/duplex-benchmarks.jar dev.duplex.benchmarks.load.Suite [--build BUILD] [--reps 3]
 *     [--warmup 3] [--duration 10] [--idle-connections 10000] [--servers a,b] [--scenarios substr,..]
 *     [--out benchmarks/results] [--jfr DIR] [--date yyyy-MM-dd]
 * </pre>
 * BUILD defaults to the system property {@code duplex.benchmarks.build}, else {@code benchmarks/target}.
 *
 * <p>{@code --interleave ROUNDS} instead starts every server once and keeps them all up (each pinned to CPU 0; the
 * ones not under load are idle): for each scenario, an unrecorded round warms each of them up, then each of ROUNDS
 * rounds runs the scenario against every server in turn, a few seconds apart. The report's per-repetition ratios
 * then pair runs that close in time, which is what a machine whose speed drifts from minute to minute needs.
 * The idle scenario is left out of that mode (it measures a freshly started server).
 */
public final class Suite {

    private Suite() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path build = Path.of(System.getProperty("duplex.benchmarks.build", "benchmarks/target"));
        int reps = 3;
        int warmup = 3;
        int duration = 10;
        int idle = 10_000;
        List<ServerSpec> servers = ServerSpec.standard();
        List<String> scenarioFilter = List.of();
        Path out = Path.of("benchmarks/results");
        Path jfr = null;
        String date = LocalDate.now().toString();
        int interleave = 0;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--build" -> build = Path.of(value);
                case "--reps" -> reps = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--duration" -> duration = Integer.parseInt(value);
                case "--idle-connections" -> idle = Integer.parseInt(value);
                case "--servers" -> servers = Arrays.stream(value.split(",")).map(ServerSpec::byId).toList();
                case "--scenarios" -> scenarioFilter = List.of(value.split(","));
                case "--out" -> out = Path.of(value);
                case "--jfr" -> jfr = Path.of(value);
                case "--date" -> date = value;
                case "--interleave" -> interleave = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> filter = scenarioFilter;
        List<Scenario> all = Scenario.standard(warmup, duration, idle);
        List<String> names = all.stream().map(Scenario::name).toList();
        // an entry naming a scenario in full takes only that one (echo-64B-text-c100-w1 is also part of ...-w16)
        List<Scenario> scenarios = all.stream().filter(s -> filter.isEmpty() || filter.stream().anyMatch(
                f -> names.contains(f) ? f.equals(s.name()) : s.name().contains(f))).toList();
        pinSelf("1");
        String loadBefore = loadAverage();
        List<Result> results = new ArrayList<>();
        if (interleave > 0) {
            scenarios = scenarios.stream().filter(s -> s.mode() != Scenario.Mode.IDLE).toList();
            reps = interleave;
            results.addAll(interleaved(servers, scenarios, interleave, build));
        } else {
            for (int rep = 1; rep <= reps; rep++) {
                for (ServerSpec server : servers) {
                    results.addAll(runServer(server, rep, scenarios, build, jfr));
                }
            }
        }
        Report report = new Report(results, scenarios, servers, reps, loadBefore, loadAverage());
        report.write(out, date);
    }

    /** {@code --interleave}: every server up at once, each scenario run against each in turn, round after round. */
    private static List<Result> interleaved(List<ServerSpec> servers, List<Scenario> scenarios, int rounds,
            Path build) throws IOException, InterruptedException {
        List<Result> results = new ArrayList<>();
        List<ServerProcess> running = new ArrayList<>();
        try {
            for (ServerSpec spec : servers) {
                List<String> jvm = new ArrayList<>(JVM_OPTIONS);
                jvm.addAll(spec.jvmOptions);
                running.add(start(spec, 0, build, jvm));
            }
            for (Scenario scenario : scenarios) {
                for (int round = 0; round <= rounds; round++) { // round 0 warms up and is not recorded
                    for (ServerProcess server : running) {
                        if (!server.spec.runs(scenario)) {
                            continue;
                        }
                        Result result = runScenario(server, scenario);
                        result.server = server.spec.id;
                        result.rep = round;
                        System.out.println((round == 0 ? "(warm-up, not recorded) " : "") + result);
                        if (round > 0) {
                            results.add(result);
                        }
                    }
                }
            }
        } finally {
            for (ServerProcess server : running) {
                server.close();
            }
        }
        return results;
    }

    private static final List<String> JVM_OPTIONS = List.of("-Xms2g", "-Xmx2g", "-XX:+UseG1GC");

    private static List<Result> runServer(ServerSpec spec, int rep, List<Scenario> scenarios, Path build, Path jfr)
            throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(JVM_OPTIONS);
        if (scenarios.stream().anyMatch(s -> s.mode() == Scenario.Mode.IDLE)) {
            jvm.add("-XX:NativeMemoryTracking=summary"); // for the idle scenario's off-heap figure
        }
        jvm.addAll(spec.jvmOptions);
        if (jfr != null && spec.id.startsWith("duplex")) {
            Files.createDirectories(jfr);
            jvm.add("-XX:StartFlightRecording=dumponexit=true,settings=profile,filename="
                    + jfr.resolve(spec.id + "-rep" + rep + ".jfr"));
        }
        List<Result> results = new ArrayList<>();
        try (ServerProcess server = start(spec, rep, build, jvm)) {
            for (Scenario scenario : scenarios) {
                if (!spec.runs(scenario)) {
                    continue;
                }
                Result result = runScenario(server, scenario);
                result.server = spec.id;
                result.rep = rep;
                System.out.println(result);
                results.add(result);
            }
        } catch (IOException e) {
            System.out.println(spec.id + " rep " + rep + ": " + e.getMessage());
        }
        return results;
    }

    /** Starts the server; a start that fails is tried once more (seen now and then on a loaded machine). */
    private static ServerProcess start(ServerSpec spec, int rep, Path build, List<String> jvm)
            throws IOException, InterruptedException {
        Path log = build.resolve("load-logs").resolve(spec.id + ".log");
        try {
            return ServerProcess.start(spec, build, "0", jvm, log);
        } catch (IOException e) {
            System.out.println(spec.id + " rep " + rep + ", starting again: " + e.getMessage());
            return ServerProcess.start(spec, build, "0", jvm, log);
        }
    }

    private static Result runScenario(ServerProcess server, Scenario scenario)
            throws IOException, InterruptedException {
        double load = Double.parseDouble(loadAverage().split(" ")[0]);
        long[] cpu = new long[2];
        ServerMemory.Snapshot[] memory = new ServerMemory.Snapshot[2];
        ServerMemory meter = null;
        Result result;
        try {
            if (scenario.mode() == Scenario.Mode.IDLE) {
                meter = ServerMemory.open(server);
                if (meter.jmxProblem() != null) {
                    System.out.println(server.spec.id + ": direct buffers not read: " + meter.jmxProblem());
                }
                memory[0] = meter.baseline();
            }
            ServerMemory idleMeter = meter;
            result = LoadGenerator.run(scenario, "127.0.0.1", server.port, new LoadGenerator.Listener() {
                @Override
                public void measureStarted() {
                    cpu[0] = cpu(server);
                }

                @Override
                public void measureEnded() {
                    cpu[1] = cpu(server);
                }

                @Override
                public void idleHeld(int connections) {
                    try {
                        Thread.sleep(2000);
                        memory[1] = idleMeter.snapshot();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            result = new Result(scenario);
            result.error(e.toString());
        } finally {
            if (meter != null) {
                meter.close();
            }
        }
        result.loadAverage = load;
        long delivered = result.messages * (scenario.mode() == Scenario.Mode.BROADCAST ? scenario.connections() : 1);
        if (delivered > 0 && cpu[1] > cpu[0]) {
            result.serverCpuMicrosPerMessage = (cpu[1] - cpu[0]) / (double) delivered;
        }
        if (memory[1] != null) {
            result.idleMemory(memory[0], memory[1]);
            if (result.serverConnections != scenario.connections()) {
                result.error("the server held " + result.serverConnections + " connections, not "
                        + scenario.connections());
            }
        }
        settle(server);
        return result;
    }

    /**
     * Waits until the server is quiet: under 10 ms of CPU in 100 ms, or 15 s. A server still closing the connections
     * of its run (10,000 for the largest broadcast) takes the shared core from the next run; in interleaved mode that
     * is another server's.
     */
    private static void settle(ServerProcess server) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(15);
        long before = cpu(server);
        while (true) {
            Thread.sleep(100);
            long now = cpu(server);
            if (now - before <= 10_000 || System.nanoTime() > deadline) {
                break;
            }
            before = now;
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (waited > 1_000) {
            System.out.println("(" + server.spec.id + " took " + waited + " ms to go quiet after the run)");
        }
    }

    private static long cpu(ServerProcess server) {
        try {
            return server.cpuMicros();
        } catch (IOException e) {
            return 0;
        }
    }

    static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    /** Pins every thread of this JVM (the load generator) to the given CPU, when {@code taskset} exists. */
    private static void pinSelf(String cpu) throws InterruptedException {
        try {
            String self = Long.toString(ProcessHandle.current().pid());
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpu, self)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (IOException e) {
            System.out.println("not pinned (no taskset): " + e.getMessage());
        }
    }
}
