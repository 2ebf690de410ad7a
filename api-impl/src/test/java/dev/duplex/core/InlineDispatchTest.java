package dev.duplex.core;

import static dev.duplex.core.WireFrames.clientClose;
import static dev.duplex.core.WireFrames.clientText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inline dispatch (ConnectionConfig.inlineDispatch, key duplex.dispatch=inline): a message's callback runs on the
 * thread that read it when the connection has nothing else queued, and on the executor otherwise, in order either
 * way. The test thread plays the container's I/O thread ({@link FakeTransport#inject} calls onRead on it).
 */
class InlineDispatchTest {

    private ExecutorService pool;
    private ScheduledExecutorService timer;
    private FakeTransport transport;
    private RecordingHandler handler;
    private Connection connection;
    private final ClassLoader appLoader = new URLClassLoader(new URL[0], null);
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws InterruptedException {
        pool = Executors.newCachedThreadPool();
        timer = Executors.newSingleThreadScheduledExecutor();
        transport = new FakeTransport();
        handler = new RecordingHandler();
        handler.onTextHook = text -> {
            Thread t = Thread.currentThread();
            seen.add(text + (t == testThread ? "@reader" : "@pool")
                    + (t.getContextClassLoader() == appLoader ? "+loader" : "-loader")
                    + (SerialExecutor.inlineOnThisThread() ? "+inline" : ""));
        };
        connection = new Connection(transport, ConnectionConfig.builder().id("i1").executor(pool).scheduler(timer)
                .classLoader(appLoader).inlineDispatch(true).closeTimeoutMillis(2_000).build(), handler);
        connection.start();
        CountDownLatch onOpenReturned = new CountDownLatch(1);
        connection.runOnDispatcher(onOpenReturned::countDown);
        assertTrue(onOpenReturned.await(10, TimeUnit.SECONDS));
        // The dispatcher lets go of its flag just after its last task: wait until it is idle.
        awaitIdle();
    }

    private final Thread testThread = Thread.currentThread();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    private void awaitIdle() throws InterruptedException {
        // A marker task run inline proves the dispatcher idle; until then it was queued behind the last task.
        for (int i = 0; i < 1000; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            boolean[] inline = new boolean[1];
            connection.dispatcher().executeInline(() -> {
                inline[0] = Thread.currentThread() == testThread;
                ran.countDown();
            });
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            if (inline[0]) {
                return;
            }
        }
        throw new AssertionError("the dispatcher never became idle");
    }

    @Test
    void anIdleConnectionRunsTheCallbackOnTheReadingThreadWithTheApplicationsLoader() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        transport.inject(clientText("a"));
        assertEquals("text:a", handler.next());
        assertEquals(List.of("a@reader+loader+inline"), seen);
        assertSame(before, Thread.currentThread().getContextClassLoader(), "the reader's own loader is restored");
        assertFalse(SerialExecutor.inlineOnThisThread());
    }

    @Test
    void aBusyConnectionQueuesAndKeepsTheOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        connection.runOnDispatcher(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        transport.inject(clientText("1"));
        transport.inject(clientText("2"));
        assertTrue(seen.isEmpty(), "nothing may overtake the running task: " + seen);
        release.countDown();
        assertEquals("text:1", handler.next());
        assertEquals("text:2", handler.next());
        assertEquals(List.of("1@pool+loader", "2@pool+loader"), seen);

        awaitIdle();
        transport.inject(clientText("3"));
        assertEquals("text:3", handler.next());
        assertEquals("3@reader+loader+inline", seen.get(2));
    }

    @Test
    void closeQueuedDuringAnInlineCallbackRunsAfterIt() throws Exception {
        handler.onTextHook = text -> connection.close(1000, "done");
        transport.inject(clientText("bye"));
        assertEquals("text:bye", handler.next());
        assertEquals("close:1000:done", handler.next());
        transport.inject(clientClose(1000, ""));
        assertTrue(transport.awaitClosed());
    }

    @Test
    void streamsNeverRunOnTheReadingThread() throws Exception {
        handler.mode = InboundMode.STREAM;
        CountDownLatch read = new CountDownLatch(1);
        Thread[] reader = new Thread[1];
        StringBuilder text = new StringBuilder();
        handler.onTextStreamHook = (Reader r) -> {
            reader[0] = Thread.currentThread();
            try {
                for (int c; (c = r.read()) != -1; ) {
                    text.append((char) c);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            read.countDown();
        };
        transport.inject(clientText("streamed"));
        assertTrue(read.await(10, TimeUnit.SECONDS));
        assertEquals("streamed", text.toString());
        assertNotSame(testThread, reader[0]);
    }

    /** onOpen runs on the thread that opens the connection (the container's), before it starts reading. */
    @Test
    void onOpenRunsOnTheOpeningThreadWhenTheTransportCanWriteMeanwhile() {
        assertSame(testThread, openThread(true));
    }

    /** A servlet transport writes nothing until the opening thread has returned: onOpen goes to the executor. */
    @Test
    void onOpenGoesToTheExecutorWhenTheTransportCannotWriteBeforeStartReturns() {
        Thread open = openThread(false);
        assertTrue(open != null && open != testThread, "onOpen ran on " + open);
    }

    private Thread openThread(boolean writesBeforeStart) {
        FakeTransport t = new FakeTransport();
        t.writesBeforeStart = writesBeforeStart;
        RecordingHandler h = new RecordingHandler();
        java.util.concurrent.CompletableFuture<Thread> ran = new java.util.concurrent.CompletableFuture<>();
        h.onOpenHook = () -> ran.complete(Thread.currentThread());
        new Connection(t, ConnectionConfig.builder().id("i2").executor(pool).scheduler(timer).classLoader(appLoader)
                .inlineDispatch(true).build(), h).start();
        return ran.join();
    }
}
