package dev.duplex.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import dev.duplex.transport.WriteCallback;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link InboundFlow}: the transport ends up told what the count of unconsumed bytes asks, whatever the timing. */
class InboundFlowTest {

    /** Records what it is told; its first pause lets a test run something in the middle of that call. */
    private static final class FlowTransport implements Transport {
        final List<String> told = new CopyOnWriteArrayList<>();
        volatile Runnable duringFirstPause;

        @Override
        public void pauseReading() {
            Runnable during = duringFirstPause;
            duringFirstPause = null;
            if (during != null) {
                during.run();
            }
            told.add("pause");
        }

        @Override
        public void resumeReading() {
            told.add("resume");
        }

        String last() {
            return told.isEmpty() ? "none" : told.get(told.size() - 1);
        }

        @Override
        public void start(TransportListener listener) {
        }

        @Override
        public void write(ByteBuffer[] buffers, WriteCallback callback) {
            callback.completed();
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isSecure() {
            return false;
        }
    }

    private static InboundFlow flow(FlowTransport transport) {
        return new InboundFlow(transport, new SerialExecutor(Runnable::run, null), 100, false);
    }

    /**
     * The reader decides to pause; before its call reaches the transport, the application catches up on another
     * thread and resumes. Told in that order (resume, then pause), reading would stay paused for good.
     */
    @Test
    void aResumeThatOvertakesThePauseStillLeavesReadingOn() throws Exception {
        FlowTransport transport = new FlowTransport();
        InboundFlow flow = flow(transport);
        CountDownLatch consumerDone = new CountDownLatch(1);
        transport.duringFirstPause = () -> {
            Thread consumer = new Thread(() -> {
                flow.consumed(150); // everything the reader had counted: down to 0, under half the limit
                consumerDone.countDown();
            });
            consumer.start();
            try {
                assertTrue(consumerDone.await(10, TimeUnit.SECONDS), "the consumer waited for the reader");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        flow.dispatch(150, () -> { }); // over the limit of 100: pause (the dispatcher is only queued: not run)
        assertTrue(consumerDone.await(10, TimeUnit.SECONDS));
        assertEquals("resume", transport.last(), "told " + transport.told);
    }

    @Test
    void pausesOverTheLimitAndResumesAtHalf() {
        FlowTransport transport = new FlowTransport();
        InboundFlow flow = flow(transport);
        flow.dispatch(60, () -> { });
        assertEquals(List.of(), transport.told);
        flow.dispatch(60, () -> { });
        assertEquals(List.of("pause"), transport.told);
        flow.consumed(60);
        assertEquals(List.of("pause"), transport.told, "60 left is over half the limit");
        flow.consumed(20);
        assertEquals(List.of("pause", "resume"), transport.told);
    }
}
