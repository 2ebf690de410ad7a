package dev.duplex.tck.flow;

import dev.duplex.session.PreparedMessage;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes numbered binary messages (4-byte round number, then filler) to every session of a broadcast with async
 * sends, round after round, the way a ticker or chat server does: it never waits for a slow session. To keep the
 * healthy sessions within their own outbound budget it paces itself on them only: round {@code r} starts once
 * every healthy session has written round {@code r - WINDOW}. It stops {@code extraRounds} after the first refused
 * send to a stalled session (or at {@code maxRounds}), waits for the healthy sessions to write everything, and
 * reports to the control session:
 * <pre>
 * overflow &lt;round&gt; &lt;message&gt;            (at the first refused send to a stalled session)
 * done rounds=R healthyFailures=H refused=N admitted=A-B,C-D firstHealthyFailure=X firstRefusal=&lt;message&gt;
 * error &lt;what&gt;                              (a healthy session fell behind for 30 s)
 * </pre>
 * With {@code prepared}, each round is one {@link PreparedMessage} (Duplex's encode-once broadcast) sent to all
 * sessions; otherwise every session gets its own {@code getAsyncRemote().sendBinary}.
 * Runs on its own thread; SendHandlers run on Duplex's threads or inline on this one.
 */
final class BroadcastPusher implements Runnable {

    static final int WINDOW = 4;

    private final List<Session> healthy;
    private final List<Session> stalled;
    private final Session control;
    private final int size;
    private final int extraRounds;
    private final int maxRounds;
    private final boolean prepared;
    private final Map<Session, AtomicLong> written = new ConcurrentHashMap<>();
    private final AtomicInteger healthyFailures = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final TreeSet<Integer> failed = new TreeSet<>();
    private volatile int rounds;
    private volatile int overflowRound = -1;
    private volatile String firstRefusal = "";
    private volatile String firstHealthyFailure = "";

    BroadcastPusher(List<Session> healthy, List<Session> stalled, Session control, int size, int extraRounds,
            int maxRounds, boolean prepared) {
        this.prepared = prepared;
        this.healthy = healthy;
        this.stalled = stalled;
        this.control = control;
        this.size = size;
        this.extraRounds = extraRounds;
        this.maxRounds = maxRounds;
        healthy.forEach(s -> written.put(s, new AtomicLong()));
    }

    @Override
    public void run() {
        try {
            int round = 0;
            while (round < maxRounds && (overflowRound < 0 || round <= overflowRound + extraRounds)) {
                ByteBuffer message = message(round);
                if (prepared) {
                    pushPrepared(PreparedMessage.binary(message), round);
                } else {
                    pushEach(message, round);
                }
                round++;
                if (!awaitHealthy(round - WINDOW)) {
                    report("error healthy sessions did not write round " + (round - WINDOW) + " within 30 s");
                    return;
                }
            }
            rounds = round;
            if (!awaitHealthy(round)) {
                report("error healthy sessions did not write round " + round + " within 30 s");
                return;
            }
            report("done rounds=" + round + " healthyFailures=" + healthyFailures.get() + " refused=" + refused.get()
                    + " admitted=" + ranges() + " firstHealthyFailure=" + firstHealthyFailure.replace(' ', '_')
                    + " firstRefusal=" + firstRefusal);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            report("error " + e);
        }
    }

    private void pushEach(ByteBuffer message, int round) {
        for (Session s : healthy) {
            s.getAsyncRemote().sendBinary(message.duplicate(), result -> healthyResult(s, result));
        }
        for (Session s : stalled) {
            try {
                s.getAsyncRemote().sendBinary(message.duplicate(), result -> {
                    if (!result.isOK()) {
                        stalledFailed(round, result.getException());
                    }
                });
            } catch (IllegalStateException closed) {
                // Duplex refuses sends to a closing session by throwing (policy close closed it).
                stalledFailed(round, closed);
            }
        }
    }

    /** One prepared frame for everybody; a closed session gets a failed result instead of an exception. */
    private void pushPrepared(PreparedMessage message, int round) {
        message.sendTo(healthy, result -> healthyResult(result.getSession(), result));
        message.sendTo(stalled, result -> {
            if (!result.isOK()) {
                stalledFailed(round, result.getException());
            }
        });
    }

    private ByteBuffer message(int round) {
        byte[] bytes = new byte[size];
        ByteBuffer.wrap(bytes).putInt(round);
        for (int i = 4; i < size; i++) {
            bytes[i] = (byte) (round + i);
        }
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    private void healthyResult(Session s, SendResult result) {
        if (!result.isOK()) {
            healthyFailures.incrementAndGet();
            if (firstHealthyFailure.isEmpty()) {
                firstHealthyFailure = s.getId() + ": " + result.getException();
            }
        }
        written.get(s).incrementAndGet();
        synchronized (this) {
            notifyAll();
        }
    }

    private void stalledFailed(int round, Throwable failure) {
        synchronized (failed) {
            failed.add(round);
        }
        refused.incrementAndGet();
        if (overflowRound < 0) {
            // The first failed send to a stalled session: with a single stalled session it is the budget's refusal.
            overflowRound = round;
            firstRefusal = failure.getClass().getName() + ": " + failure.getMessage();
            report("overflow " + round + " " + firstRefusal);
        }
    }

    /** Waits until every healthy session has finished {@code rounds} sends (written or failed). */
    private boolean awaitHealthy(long rounds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        synchronized (this) {
            while (written.values().stream().anyMatch(w -> w.get() < rounds)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
        }
        return true;
    }

    /** The rounds sent to the stalled sessions without failing, as ranges {@code a-b,c-d}. */
    private String ranges() {
        StringBuilder out = new StringBuilder();
        synchronized (failed) {
            Integer start = null;
            Integer previous = null;
            for (int r = 0; r < rounds; r++) {
                if (failed.contains(r)) {
                    continue;
                }
                if (start == null) {
                    start = r;
                } else if (r != previous + 1) {
                    out.append(out.length() == 0 ? "" : ",").append(start).append('-').append(previous);
                    start = r;
                }
                previous = r;
            }
            if (start != null) {
                out.append(out.length() == 0 ? "" : ",").append(start).append('-').append(previous);
            }
        }
        return out.length() == 0 ? "none" : out.toString();
    }

    private void report(String text) {
        if (control.isOpen()) {
            control.getAsyncRemote().sendText(text);
        }
    }
}
