package dev.duplex.core;

import static dev.duplex.core.WireFrames.clientFrame;
import static dev.duplex.core.WireFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.frame.OpCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streaming, idle timeout and batching of {@link Connection}, over a {@link FakeTransport}. */
class ConnectionFeaturesTest {

    private ExecutorService pool;
    private ScheduledExecutorService timer;
    private FakeTransport transport;
    private RecordingHandler handler;
    private Connection connection;

    @BeforeEach
    void setUp() throws InterruptedException {
        pool = Executors.newCachedThreadPool();
        timer = Executors.newSingleThreadScheduledExecutor();
        transport = new FakeTransport();
        handler = new RecordingHandler();
        connection = new Connection(transport, ConnectionConfig.builder().id("f1").executor(pool).scheduler(timer)
                .closeTimeoutMillis(2_000).build(), handler);
        connection.start();
        CountDownLatch onOpenReturned = new CountDownLatch(1);
        connection.runOnDispatcher(onOpenReturned::countDown);
        assertTrue(onOpenReturned.await(10, TimeUnit.SECONDS));
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void streamedTextReachesTheApplicationBeforeTheMessageEnds() throws Exception {
        handler.mode = InboundMode.STREAM;
        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        handler.onTextStreamHook = reader -> {
            char[] buffer = new char[64];
            try {
                for (int n; (n = reader.read(buffer)) >= 0; ) {
                    read.add(new String(buffer, 0, n));
                }
                read.add("<end>");
            } catch (IOException e) {
                read.add("error: " + e.getMessage());
            }
        };
        transport.inject(clientFrame(false, OpCode.TEXT, "first ".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first ", read.poll(10, TimeUnit.SECONDS), "the first fragment must arrive on its own");
        transport.inject(clientFrame(false, OpCode.CONTINUATION, "caf\u00e9 ".getBytes(StandardCharsets.UTF_8)));
        assertEquals("caf\u00e9 ", read.poll(10, TimeUnit.SECONDS));
        transport.inject(clientFrame(true, OpCode.CONTINUATION, "end".getBytes(StandardCharsets.UTF_8)));
        assertEquals("end", read.poll(10, TimeUnit.SECONDS));
        assertEquals("<end>", read.poll(10, TimeUnit.SECONDS));
    }

    /** A message begun while onOpen runs is still streamed once onOpen returns (DESIGN.md §3 rule 5). */
    @Test
    void aMessageBegunDuringOnOpenIsStreamedOnceOnOpenReturns() throws Exception {
        FakeTransport slow = new FakeTransport();
        RecordingHandler h = new RecordingHandler();
        h.mode = InboundMode.STREAM;
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inOnOpen = new CountDownLatch(1);
        h.onOpenHook = () -> {
            inOnOpen.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        h.onTextStreamHook = reader -> {
            char[] buffer = new char[64];
            try {
                for (int n; (n = reader.read(buffer)) >= 0; ) {
                    read.add(new String(buffer, 0, n));
                }
            } catch (IOException e) {
                read.add("error: " + e.getMessage());
            }
        };
        Connection c = new Connection(slow, ConnectionConfig.builder().id("f2").executor(pool).scheduler(timer)
                .build(), h);
        c.start();
        assertTrue(inOnOpen.await(10, TimeUnit.SECONDS));
        slow.inject(clientFrame(false, OpCode.TEXT, "early ".getBytes(StandardCharsets.UTF_8)));
        release.countDown();
        assertEquals("early ", read.poll(10, TimeUnit.SECONDS), "the first fragment must arrive before the rest");
        slow.inject(clientFrame(true, OpCode.CONTINUATION, "late".getBytes(StandardCharsets.UTF_8)));
        assertEquals("late", read.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void streamedBinaryIsReadWhole() throws Exception {
        handler.mode = InboundMode.STREAM;
        transport.inject(clientFrame(false, OpCode.BINARY, new byte[1000]));
        transport.inject(clientFrame(true, OpCode.CONTINUATION, new byte[24]));
        assertEquals("binaryStream:1024", handler.next());
    }

    @Test
    void aReaderBlockedOnAHalfMessageFailsWhenTheConnectionEnds() throws Exception {
        handler.mode = InboundMode.STREAM;
        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        handler.onTextStreamHook = reader -> {
            try {
                reader.read(new char[16]);
                reader.read(new char[16]);
                read.add("no failure");
            } catch (IOException e) {
                read.add("failed");
            }
        };
        transport.inject(clientFrame(false, OpCode.TEXT, "half".getBytes(StandardCharsets.UTF_8)));
        transport.eof();
        assertEquals("failed", read.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void idleTimeoutClosesWith1001SayingItWasIdle() throws Exception {
        connection.setIdleTimeout(200);
        List<String> frames = decode(transport.awaitWritten(4));
        assertTrue(frames.get(0).startsWith("CLOSE 1001 ") && frames.get(0).contains("idle"), frames.toString());
    }

    /** The idle timer is created on first use: threads racing to set it share one, and it fires once. */
    @Test
    void racingIdleTimeoutSettersShareOneTimerThatClosesOnce() throws Exception {
        int threads = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        List<Thread> setters = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    connection.setIdleTimeout(150);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            setters.add(t);
        }
        for (Thread t : setters) {
            t.join();
        }
        List<String> frames = decode(transport.awaitWritten(4));
        assertEquals(1, frames.size(), frames.toString());
        assertTrue(frames.get(0).startsWith("CLOSE 1001 "), frames.toString());
    }

    /** An idle timeout set once the connection ended creates no timer and never fires. */
    @Test
    void anIdleTimeoutSetAfterTheConnectionEndedNeverFires() throws Exception {
        transport.eof();
        assertTrue(transport.isClosed());
        connection.setIdleTimeout(50);
        Thread.sleep(300);
        assertTrue(decode(transport.written()).isEmpty(), "nothing written after the end");
    }

    @Test
    void batchedMessagesGoOutInOneWriteOnFlush() throws Exception {
        connection.setBatching(true);
        for (int i = 0; i < 10; i++) {
            connection.sendText("m" + i, SendCallback.NONE);
        }
        assertEquals(0, transport.writes(), "nothing is written while batching and under the batch size");
        connection.flush();
        assertEquals(1, transport.writes());
        assertEquals(10, decode(transport.written()).size());
        connection.setBatching(false);
        connection.sendText("now", SendCallback.NONE);
        assertEquals(2, transport.writes());
    }
}
