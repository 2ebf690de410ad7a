package dev.duplex.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One server under test in its own JVM, pinned with {@code taskset} to its CPU, and what the Suite reads about it:
 * CPU time from {@code /proc/<pid>/stat}, RSS from {@code /proc/<pid>/status}, diagnostic commands through
 * {@code jcmd} (memory: {@link ServerMemory}). {@link #close} stops it (SIGTERM, then SIGKILL after 10 s).
 */
final class ServerProcess implements AutoCloseable {

    private static final long TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

    final ServerSpec spec;
    final int port;
    private final Process process;

    private ServerProcess(ServerSpec spec, int port, Process process) {
        this.spec = spec;
        this.port = port;
        this.process = process;
    }

    static ServerProcess start(ServerSpec spec, Path buildDir, String cpu, List<String> jvmOptions, Path log)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("taskset", "-c", cpu,
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", spec.classPath(buildDir), spec.mainClass, Integer.toString(port)));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServerProcess server = new ServerProcess(spec, port, process);
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        // keep draining stdout so the server never blocks on a full pipe
                        Thread drain = new Thread(() -> drain(out), spec.id + "-stdout");
                        drain.setDaemon(true);
                        drain.start();
                        return true;
                    }
                }
            } catch (IOException e) {
                return false;
            }
            return false;
        });
        try {
            if (!ready.get(60, TimeUnit.SECONDS)) {
                throw new IOException(spec.id + " exited before READY; see " + log);
            }
        } catch (Exception e) {
            if (process.isAlive()) { // a hang: keep its threads for the post-mortem
                try {
                    Files.writeString(log, server.jcmd("Thread.print"), StandardOpenOption.APPEND);
                } catch (IOException ignored) {
                    // the dump is a courtesy
                }
            }
            server.close();
            throw new IOException(spec.id + " did not start: " + e + "; see " + log, e);
        }
        return server;
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    long pid() {
        return process.pid();
    }

    /** User + system CPU time of the whole server JVM so far, in microseconds. */
    long cpuMicros() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return ticks * 1_000_000 / TICKS_PER_SECOND;
    }

    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + pid());
    }

    /** Runs {@code jcmd <pid> <command>} and returns what it printed. */
    String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + command + " timed out");
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
