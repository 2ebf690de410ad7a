package dev.duplex.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.transport.Transport;
import dev.duplex.transport.TransportListener;
import dev.duplex.transport.WriteCallback;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link InboundFlow}: the transport ends up told what the count of unconsumed bytes asks, whatever the timing. */
class InboundFlowTest {

    /** Records what it is told; its first pause lets a test run something in the middle of that call. */
    private static final class FlowTransport implements Transport {
        final List<String> told = new CopyOnWriteArrayList<>();
        volatile Runnable duringFirstPause;
        volatile Runnable duringFirstResume;

        @Override
        public void pauseReading() {
            Runnable during = duringFirstPause;
            duringFirstPause = null;
            record(during, "pause");
        }

        @Override
        public void resumeReading() {
            Runnable during = duringFirstResume;
            duringFirstResume = null;
            record(during, "resume");
        }

        /** Runs what a test put in the middle of this call, if any, then records the call as done. */
        private void record(Runnable during, String call) {
            if (during != null) {
                during.run();
            }
            told.add(call);
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

    /** Runs {@code action} on another thread and waits for it (the test's stand-in for a racing thread). */
    private static void onAnotherThread(Runnable action) {
        Thread thread = new Thread(action);
        thread.start();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(!thread.isAlive(), "the other thread waited for this one");
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
        transport.duringFirstPause = () -> onAnotherThread(() -> flow.consumed(150)); // down to 0: resume
        flow.dispatch(150, () -> { }); // over the limit of 100: pause (the dispatcher is only queued: not run)
        assertEquals(List.of("resume", "pause", "resume"), transport.told);
    }

    /**
     * The application catches up and resumes; before that call reaches the transport, the reader counts a new
     * message over the limit. Its pause must not wait for the resume (reading on past the limit meanwhile), and
     * the transport must end up paused.
     */
    @Test
    void aPauseDuringAResumeIsToldAtOnceAndHasTheLastWord() {
        FlowTransport transport = new FlowTransport();
        InboundFlow flow = flow(transport);
        flow.dispatch(150, () -> { });
        transport.duringFirstResume = () -> onAnotherThread(() -> flow.dispatch(150, () -> { }));
        flow.consumed(150);
        assertEquals(List.of("pause", "pause", "resume", "pause"), transport.told);
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
