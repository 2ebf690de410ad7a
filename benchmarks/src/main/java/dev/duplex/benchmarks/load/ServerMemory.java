package dev.duplex.benchmarks.load;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads a server JVM's memory for the IDLE scenario, on the Suite's thread. A {@link Snapshot} is: the Java heap in
 * use after a full GC ({@code jcmd GC.run}, {@code GC.heap_info}); the committed memory of every Native Memory
 * Tracking category ({@code jcmd VM.native_memory summary}; the server must run with
 * {@code -XX:NativeMemoryTracking=summary}); the direct {@code ByteBuffer}s in use (the {@code BufferPool} MXBean
 * {@code java.nio:type=BufferPool,name=direct}, over a JMX connection to the server's local management agent,
 * started through the attach API when this object is opened, so before any baseline); RSS, in all and outside the
 * Java heap's address range ({@code /proc/<pid>/smaps}); and how many TCP connections the server holds on its port
 * ({@code /proc/net/tcp} and {@code tcp6}). Kernel memory (socket buffers, descriptors) is in none of these.
 */
final class ServerMemory implements AutoCloseable {

    /**
     * NMT categories of one-time costs (JIT-compiled code and its arenas, class metadata, symbols, NMT's own books):
     * they grow while a fresh server first runs a code path, whatever the number of connections, so they are
     * reported apart and not counted as off-heap per connection. Every other category but the Java heap is.
     */
    static final Set<String> ONE_TIME = Set.of("Class", "Metaspace", "Code", "Compiler", "Arena Chunk", "Symbol",
            "Shared class space", "Module", "Native Memory Tracking", "Tracing", "Logging", "Arguments",
            "Statistics", "Serviceability", "Safepoint", "String Deduplication");
    static final String HEAP = "Java Heap";

    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K \\[0x(\\p{XDigit}+), "
            + "0x(\\p{XDigit}+)\\)");
    private static final Pattern NMT_CATEGORY = Pattern.compile(
            "^-\\s+(.+?) \\(reserved=\\d+KB(?: [+-]\\d+KB)?, committed=(\\d+)KB", Pattern.MULTILINE);
    private static final Set<String> OPEN_STATES = Set.of("01", "03", "04", "05", "08", "09", "0B"); // not 06, 07, 0A
    private static final String ESTABLISHED = "01";

    private final ServerProcess server;
    private final JMXConnector jmx;
    private final String jmxProblem;

    private ServerMemory(ServerProcess server, JMXConnector jmx, String jmxProblem) {
        this.server = server;
        this.jmx = jmx;
        this.jmxProblem = jmxProblem;
    }

    /** Attaches to the server (starting its local JMX agent); without attach, direct buffers read as -1. */
    static ServerMemory open(ServerProcess server) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(server.pid()));
            try {
                String url = vm.startLocalManagementAgent();
                return new ServerMemory(server, JMXConnectorFactory.connect(new JMXServiceURL(url)), null);
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            return new ServerMemory(server, null, e.toString());
        }
    }

    /** Why direct buffers cannot be read, or null. */
    String jmxProblem() {
        return jmxProblem;
    }

    /**
     * The reading before the connections are opened, once the server holds no socket on its port (those of an earlier
     * scenario may take seconds to close): waits up to 60 s for that, else fails.
     */
    Snapshot baseline() throws IOException, InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        int[] held = connections(server.port);
        while (held[1] > 0 && System.nanoTime() < end) {
            Thread.sleep(200);
            held = connections(server.port);
        }
        if (held[1] > 0) {
            throw new IOException("the server still holds " + held[1] + " connections of the last scenario");
        }
        return snapshot();
    }

    Snapshot snapshot() throws IOException, InterruptedException {
        long direct = directBuffers();
        server.jcmd("GC.run");
        Matcher heap = HEAP_USED.matcher(server.jcmd("GC.heap_info"));
        if (!heap.find()) {
            throw new IOException("cannot read the heap of " + server.pid());
        }
        Map<String, Long> nmt = new LinkedHashMap<>();
        Matcher category = NMT_CATEGORY.matcher(server.jcmd("VM.native_memory summary"));
        while (category.find()) {
            nmt.put(category.group(1), Long.parseLong(category.group(2)) * 1024);
        }
        long rss = server.rssBytes();
        long heapRss = rssWithin(Long.parseUnsignedLong(heap.group(2), 16), Long.parseUnsignedLong(heap.group(3), 16));
        int[] held = connections(server.port);
        return new Snapshot(Long.parseLong(heap.group(1)) * 1024, nmt, direct, rss, rss - heapRss, held[0]);
    }

    private long directBuffers() {
        if (jmx == null) {
            return -1;
        }
        try {
            MBeanServerConnection connection = jmx.getMBeanServerConnection();
            Object used = connection.getAttribute(new ObjectName("java.nio:type=BufferPool,name=direct"),
                    "MemoryUsed");
            return ((Number) used).longValue();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Resident bytes of the server's mappings inside [start, end): the Java heap's reserved range. */
    private long rssWithin(long start, long end) throws IOException {
        long rss = 0;
        boolean inside = false;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "smaps"))) {
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (dash > 0 && space > dash && line.substring(0, dash).chars().allMatch(Character::isLetterOrDigit)) {
                long from = Long.parseUnsignedLong(line.substring(0, dash), 16);
                long to = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                inside = from >= start && to <= end;
            } else if (inside && line.startsWith("Rss:")) {
                rss += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return rss;
    }

    /**
     * {established, open in any state} for the local port {@code port}, sockets that a process still holds (inode not
     * 0: an orphan the server has closed is the kernel's alone). The kernel's table is read in pieces, so while other
     * sockets come and go a line may be seen twice or missed: sockets are told apart by inode, and the largest of
     * three readings counts.
     */
    static int[] connections(int port) throws IOException {
        int[] best = new int[2];
        for (int i = 0; i < 3; i++) {
            Set<String> established = new HashSet<>();
            Set<String> open = new HashSet<>();
            for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path path = Path.of(file);
                for (String line : Files.exists(path) ? Files.readAllLines(path) : List.<String>of()) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length < 10 || !fields[1].contains(":")) {
                        continue;
                    }
                    String local = fields[1];
                    if (Integer.parseInt(local.substring(local.indexOf(':') + 1), 16) == port
                            && OPEN_STATES.contains(fields[3]) && !fields[9].equals("0")) {
                        open.add(fields[9]);
                        if (fields[3].equals(ESTABLISHED)) {
                            established.add(fields[9]);
                        }
                    }
                }
            }
            best[0] = Math.max(best[0], established.size());
            best[1] = Math.max(best[1], open.size());
        }
        return best;
    }

    @Override
    public void close() {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException ignored) {
                // the server may be gone
            }
        }
    }

    /**
     * One reading. {@code nmtCommitted}: committed bytes by NMT category (empty without NMT); {@code directBuffers}:
     * -1 when unknown; {@code rssOutsideHeap}: RSS less the resident pages of the Java heap's range;
     * {@code established}: connections established on the server's port.
     */
    record Snapshot(long heapUsed, Map<String, Long> nmtCommitted, long directBuffers, long rss, long rssOutsideHeap,
                    int established) {

        /** Committed native memory that may hold per-connection state: all NMT categories but the heap and ONE_TIME. */
        long offHeap() {
            return nmtCommitted.entrySet().stream().filter(e -> !e.getKey().equals(HEAP)
                    && !ONE_TIME.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        }

        long oneTime() {
            return nmtCommitted.entrySet().stream().filter(e -> ONE_TIME.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        long nmt(String category) {
            return nmtCommitted.getOrDefault(category, 0L);
        }
    }
}
