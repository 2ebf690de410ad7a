package dev.duplex.tck.servlet;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketClient;
import dev.duplex.tck.support.WebSocketEvent.Close;
import dev.duplex.tck.support.WebSocketEvent.Text;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Undeploying closes every session with 1001 (going away) within a bounded time, and leaves nothing behind: no
 * Duplex thread, no timer, no reference to the web application's class loader. Redeploying the same WAR 20 times in
 * one JVM does not grow the heap or the metaspace.
 *
 * <p>The WAR is an unmanaged deployment driven by Arquillian's {@link Deployer}. The embedded container runs in this
 * JVM (client mode), so the test looks at the JVM itself: its live threads, its memory after garbage collection, and
 * weak references to each deployment's class loader, which the endpoint registers with {@link LeakProbe} (a class
 * outside the WAR, shared through the parent loader).
 */
@ExtendWith(ArquillianExtension.class)
class UndeployIT {

    private static final String NAME = "servlet-redeploy";
    /** Duplex names its threads duplex-&lt;context name&gt;-N and duplex-&lt;context name&gt;-timer-N. */
    private static final String THREAD_PREFIX = "duplex-" + NAME + "-";
    private static final long CLOSE_BOUND_MILLIS = 10_000;
    private static final long HEAP_TOLERANCE = 24L * 1024 * 1024;
    private static final long METASPACE_TOLERANCE = 16L * 1024 * 1024;
    /** Where the dumps taken while a class loader was held went (null: none taken). */
    private static volatile String heldDumps;

    @ArquillianResource
    private Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment("probe")
    private URL probe;

    /** A managed deployment that gives the tests the server's address. */
    @Deployment(name = "probe", testable = false)
    static WebArchive probe() {
        return DuplexWar.create("servlet-redeploy-probe", PublicIdentityEndpoint.class, IdentityConfigurator.class,
                IdentityEndpoint.class);
    }

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive redeploy() {
        return DuplexWar.create(NAME, RedeployEndpoint.class);
    }

    /** Every open session gets 1001 when the application is undeployed, and Duplex's threads are gone. */
    @Test
    void undeployClosesEverySessionWith1001WithinABoundedTime() throws Exception {
        LeakProbe.take();
        deployer.deploy(NAME);
        List<RecordingListener> listeners = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                RecordingListener listener = new RecordingListener();
                WebSocket ws = WebSocketClient.connect(endpoint(), listener);
                await(ws.sendText("hello " + i, true));
                assertEquals("hello " + i, listener.next(Text.class).text());
                listeners.add(listener);
            }
        } finally {
            long start = System.nanoTime();
            deployer.undeploy(NAME);
            for (int i = 0; i < listeners.size(); i++) {
                Close close = listeners.get(i).next(Close.class, "session " + i + "'s close at undeploy");
                assertEquals(1001, close.code(), "session " + i + ": close code; reason \"" + close.reason() + "\"");
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < CLOSE_BOUND_MILLIS, "undeploy and the 1001s took " + millis + " ms");
        }
        assertEquals(List.of(), duplexThreads(), "Duplex threads alive after undeploy");
    }

    /**
     * 20 deployments of the same WAR, each with a session closed by its undeploy: no Duplex thread survives any of
     * them, every deployment's class loader can be collected, and the heap and metaspace after GC do not grow
     * between the 5th and the 20th.
     */
    @Test
    void redeployingTwentyTimesLeavesNothingBehind() throws Exception {
        LeakProbe.take();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        long[] afterFifth = null;
        for (int round = 1; round <= 20; round++) {
            deployer.deploy(NAME);
            RecordingListener listener = new RecordingListener();
            try {
                WebSocket ws = WebSocketClient.connect(endpoint(), listener);
                await(ws.sendText("round " + round, true));
                assertEquals("round " + round, listener.next(Text.class).text());
            } finally {
                deployer.undeploy(NAME);
            }
            assertEquals(1001, listener.next(Close.class, "the close at undeploy " + round).code(), "round " + round);
            assertEquals(List.of(), duplexThreads(), "Duplex threads alive after undeploy " + round);
            loaders.addAll(LeakProbe.take());
            if (round == 5) {
                afterFifth = memoryAfterGc(List.copyOf(loaders));
            }
        }
        long[] afterTwentieth = memoryAfterGc(loaders);

        assertEquals(20, loaders.size(), "class loaders registered");
        List<Integer> alive = new ArrayList<>();
        for (int i = 0; i < loaders.size(); i++) {
            if (loaders.get(i).get() != null) {
                alive.add(i + 1);
            }
        }
        assertEquals(List.of(), alive, "deployments whose class loader is still reachable after undeploy and GC"
                + (alive.isEmpty() ? "" : "; heap dump of live objects: " + dumpHeap("after")
                + "; dumps taken while a loader was held, after 5 s: " + (heldDumps == null ? "none" : heldDumps)));
        long heapGrowth = afterTwentieth[0] - afterFifth[0];
        long metaspaceGrowth = afterTwentieth[1] - afterFifth[1];
        assertTrue(heapGrowth < HEAP_TOLERANCE, "heap after GC grew by " + heapGrowth + " bytes from the 5th to the"
                + " 20th deployment (" + afterFifth[0] + " -> " + afterTwentieth[0] + ")");
        assertTrue(metaspaceGrowth < METASPACE_TOLERANCE, "metaspace grew by " + metaspaceGrowth + " bytes from the"
                + " 5th to the 20th deployment (" + afterFifth[1] + " -> " + afterTwentieth[1] + ")");
    }

    /**
     * Writes a heap dump of the live objects into the failsafe reports directory (beside the class path's
     * {@code test-classes}), named after the container and the process, for finding what holds a loader.
     */
    private static String dumpHeap(String when) {
        try {
            Path dump = reportFile(when + ".hprof");
            Files.deleteIfExists(dump);
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);
            return dump.toString();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "not written (" + e + ")";
        }
    }

    /** Every thread's stack, into the failsafe reports directory: who runs what while a loader is held. */
    private static String dumpThreads(String when) {
        try {
            StringBuilder text = new StringBuilder();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                text.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    text.append("    at ").append(frame).append('\n');
                }
                text.append('\n');
            });
            Path dump = reportFile(when + "-threads.txt");
            Files.writeString(dump, text);
            return dump.toString();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "not written (" + e + ")";
        }
    }

    private static Path reportFile(String suffix) throws IOException, URISyntaxException {
        Path classes = Path.of(UndeployIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolveSibling("failsafe-reports");
        Files.createDirectories(dir);
        return dir.resolve(UndeployIT.class.getName() + "-" + System.getProperty("duplex.tck.container")
                + "-" + ProcessHandle.current().pid() + "-" + suffix);
    }

    private URI endpoint() {
        return URI.create("ws://" + probe.getHost() + ":" + probe.getPort() + "/" + NAME + "/redeploy");
    }

    private static List<String> duplexThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.startsWith(THREAD_PREFIX))
                .toList();
    }

    /**
     * Used heap and metaspace after full collections (System.gc() is a synchronous full GC by default). When
     * references are given, collects until they are all cleared or 10 s passed: a container thread may still be
     * finishing the last event of a just-closed connection (seen with Tomcat: a thread in
     * {@code AbstractProtocol$ConnectionHandler.process} holding the upgrade processor for a few milliseconds).
     * Polling does not cover a reference that only the next I/O would drop: Jetty's selector kept the key it selected
     * last, and so the last closed connection, until it woke again (duplex-jetty-integration now wakes it).
     */
    private static long[] memoryAfterGc(List<WeakReference<ClassLoader>> refs) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + 10_000_000_000L;
        System.gc();
        while (refs.stream().anyMatch(r -> r.get() != null) && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling: nothing notifies us when a container thread lets go
            System.gc();
            if (heldDumps == null && System.nanoTime() - start > 5_000_000_000L
                    && refs.stream().anyMatch(r -> r.get() != null)) {
                // Rarely (Tomcat's servlet path) a loader stays reachable a little over 10 s, and is let go before
                // the dump that follows the failure: record the holder while it holds.
                heldDumps = dumpThreads("held") + ", " + dumpHeap("held");
            }
        }
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed())
                .sum();
        return new long[] {heap, metaspace};
    }
}
