package dev.duplex.core;

import static dev.duplex.core.WireFrames.clientClose;
import static dev.duplex.core.WireFrames.clientFrame;
import static dev.duplex.core.WireFrames.clientText;
import static dev.duplex.core.WireFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.frame.OpCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server side of {@link Connection} over a {@link FakeTransport}: bytes in, frames and callbacks out. */
class ConnectionTest {

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
        connection = new Connection(transport, ConnectionConfig.builder().id("t1").executor(pool).scheduler(timer)
                .closeTimeoutMillis(2_000).inboundLimit(64).outboundLimit(1_000).build(), handler);
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
    void textMessageIsDeliveredWhole() throws Exception {
        transport.inject(clientText("hello"));
        assertEquals("text:hello", handler.next());
    }

    @Test
    void fragmentedTextWithPingBetweenIsOneMessageAndThePingIsAnswered() throws Exception {
        transport.inject(clientFrame(false, OpCode.TEXT, "hel".getBytes(StandardCharsets.UTF_8)));
        transport.inject(clientFrame(true, OpCode.PING, "p".getBytes(StandardCharsets.UTF_8)));
        transport.inject(clientFrame(true, OpCode.CONTINUATION, "lo".getBytes(StandardCharsets.UTF_8)));
        assertEquals("text:hello", handler.next());
        assertEquals(List.of("PONG p"), decode(transport.awaitWritten(3)));
    }

    @Test
    void peerCloseIsEchoedThenTheServerClosesTcp() throws Exception {
        transport.inject(clientClose(4001, "bye"));
        assertEquals("close:4001:bye", handler.next());
        assertTrue(transport.awaitClosed());
        assertEquals(List.of("CLOSE 4001 "), decode(transport.written()));
        assertFalse(connection.isOpen());
        assertThrows(IllegalStateException.class, () -> connection.sendText("late", SendCallback.NONE));
    }

    @Test
    void closeWithoutCodeIsAnsweredWith1000() throws Exception {
        transport.inject(clientFrame(true, OpCode.CLOSE, new byte[0]));
        assertEquals("close:1005:", handler.next());
        assertTrue(transport.awaitClosed());
        assertEquals(List.of("CLOSE 1000 "), decode(transport.written()));
    }

    @Test
    void localCloseWaitsForThePeerThenClosesTcp() throws Exception {
        connection.close(1000, "done");
        assertEquals(List.of("CLOSE 1000 done"), decode(transport.awaitWritten(8)));
        assertFalse(transport.isClosed());
        transport.inject(clientClose(1000, "done"));
        assertEquals("close:1000:done", handler.next());
        assertTrue(transport.awaitClosed());
    }

    @Test
    void localCloseTimesOutWhenThePeerNeverAnswers() throws Exception {
        connection.close(1001, "going");
        assertTrue(transport.awaitClosed());
        assertEquals("close:1001:going", handler.next());
    }

    @Test
    void unmaskedClientFrameFailsWith1002() throws Exception {
        transport.inject(new byte[] {(byte) 0x81, 0x01, 'x'});
        assertTrue(handler.next().startsWith("close:1002:"));
        assertTrue(transport.awaitClosed());
        assertTrue(decode(transport.written()).get(0).startsWith("CLOSE 1002 "));
    }

    @Test
    void invalidUtf8FailsWith1007EvenInAFirstFragment() throws Exception {
        transport.inject(clientFrame(false, OpCode.TEXT, new byte[] {'o', 'k', (byte) 0xC0, (byte) 0x80}));
        assertTrue(handler.next().startsWith("close:1007:"));
        assertTrue(transport.awaitClosed());
    }

    @Test
    void messageOverTheLimitFailsWith1009NamingTheLimitBeforeThePayloadArrives() throws Exception {
        connection.setMaxTextMessage(10);
        byte[] frame = clientText("01234567890");
        transport.inject(java.util.Arrays.copyOf(frame, 6)); // header and mask key only
        String close = handler.next();
        assertTrue(close.startsWith("close:1009:") && close.contains("10 bytes"), close);
        assertTrue(decode(transport.awaitWritten(4)).get(0).startsWith("CLOSE 1009 "));
    }

    @Test
    void eofWithoutCloseIsAbnormal1006() throws Exception {
        transport.eof();
        assertTrue(handler.next().startsWith("close:1006:"));
        assertTrue(transport.isClosed());
    }

    @Test
    void readingPausesWhileTheApplicationIsBehindAndResumesAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        handler.onTextHook = m -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        for (int i = 0; i < 10; i++) {
            transport.inject(clientText("message-" + i + "-xxxxxxxxxxxx"));
        }
        assertTrue(transport.paused(), "reading must pause once more than the inbound limit waits");
        release.countDown();
        for (int i = 0; i < 10; i++) {
            assertEquals("text:message-" + i + "-xxxxxxxxxxxx", handler.next());
        }
        assertFalse(transport.paused(), "reading must resume once the application caught up");
    }

    @Test
    void outboundBudgetRefusesThenAdmitsAsWritesComplete() throws Exception {
        transport.stall(true);
        connection.sendBinary(ByteBuffer.allocate(600), SendCallback.NONE);
        connection.sendBinary(ByteBuffer.allocate(300), SendCallback.NONE);
        assertFalse(connection.hasSendRoom(200), "900 queued + 200 exceeds the 1000-byte budget");
        assertFalse(connection.awaitSendRoom(200, 50));
        transport.releaseOne();
        assertTrue(connection.awaitSendRoom(200, 5_000));
    }

    @Test
    void wholeMessagesWaitForAPartialMessageToFinish() throws Exception {
        connection.sendPart(true, utf8("a"), false, SendCallback.NONE);
        Thread other = new Thread(() -> connection.sendText("whole", SendCallback.NONE));
        other.start();
        other.join();
        connection.sendPart(true, utf8("b"), true, SendCallback.NONE);
        assertEquals(List.of("TEXT more a", "CONTINUATION fin b", "TEXT fin whole"), decode(transport.awaitWritten(15)));
    }

    @Test
    void sixteenThreadsSendWholeMessagesInPerThreadOrder() throws Exception {
        int threads = 16;
        int each = 200;
        Thread[] senders = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            senders[t] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    connection.sendText(id + ":" + i, SendCallback.NONE);
                }
            });
        }
        for (Thread s : senders) {
            s.start();
        }
        for (Thread s : senders) {
            s.join();
        }
        List<String> frames = decode(transport.written());
        assertEquals(threads * each, frames.size());
        int[] next = new int[threads];
        for (String f : frames) {
            String[] parts = f.substring("TEXT fin ".length()).split(":");
            int id = Integer.parseInt(parts[0]);
            assertEquals(next[id]++, Integer.parseInt(parts[1]), "out of order for thread " + id);
        }
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
