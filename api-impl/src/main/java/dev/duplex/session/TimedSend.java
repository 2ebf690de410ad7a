package dev.duplex.session;

import dev.duplex.core.SendCallback;
import java.net.SocketTimeoutException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An async send with a deadline: whichever comes first, the write's completion or the timer, decides the result;
 * the other is ignored, and the timer is cancelled on completion. Thread-safe.
 */
final class TimedSend implements SendCallback {

    private final SendCallback callback;
    private final String sessionId;
    private final long timeoutMillis;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Future<?> timer;

    TimedSend(SendCallback callback, String sessionId, long timeoutMillis) {
        this.callback = callback;
        this.sessionId = sessionId;
        this.timeoutMillis = timeoutMillis;
    }

    void arm(Future<?> timer) {
        this.timer = timer;
        if (done.get()) {
            timer.cancel(false);
        }
    }

    void expire() {
        if (done.compareAndSet(false, true)) {
            callback.failed(new SocketTimeoutException("session " + sessionId + ": the send did not complete within "
                    + timeoutMillis + " ms (send timeout; the peer is not reading fast enough)"));
        }
    }

    @Override
    public void completed() {
        if (done.compareAndSet(false, true)) {
            cancelTimer();
            callback.completed();
        }
    }

    @Override
    public void failed(Throwable failure) {
        if (done.compareAndSet(false, true)) {
            cancelTimer();
            callback.failed(failure);
        }
    }

    private void cancelTimer() {
        Future<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
