package dev.duplex.tck.sending;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * On {@code <mode>:<threads>:<count>} starts that many threads which each send {@code count} numbered text
 * messages {@code <thread>:<seq>:<padding>} on this one session, all at once; mode {@code basic} uses the blocking
 * remote, {@code async} the async remote's Future variant, {@code mixed} alternates by thread. When all are sent
 * (and, for async sends, completed) it sends {@code done errors=<n> <first errors>}.
 */
@ServerEndpoint("/hammer")
public class HammerEndpoint {

    /** Characters of padding per message, so that a torn or interleaved message shows. */
    public static final int PADDING = 100;

    @OnMessage
    public void start(String command, Session session) {
        String[] parts = command.split(":");
        String mode = parts[0];
        int threads = Integer.parseInt(parts[1]);
        int count = Integer.parseInt(parts[2]);
        Thread coordinator = new Thread(() -> hammer(session, mode, threads, count), "hammer-coordinator");
        coordinator.start();
    }

    private static void hammer(Session session, String mode, int threads, int count) {
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            boolean async = mode.equals("async") || (mode.equals("mixed") && id % 2 == 1);
            Thread sender = new Thread(() -> send(session, id, count, async, errors), "hammer-" + id);
            senders.add(sender);
        }
        senders.forEach(Thread::start);
        for (Thread sender : senders) {
            try {
                sender.join();
            } catch (InterruptedException e) {
                errors.add("interrupted");
            }
        }
        try {
            List<String> first = errors.stream().limit(3).toList();
            session.getBasicRemote().sendText("done errors=" + errors.size() + " " + first);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(Session session, int id, int count, boolean async, Queue<String> errors) {
        String padding = String.valueOf((char) ('A' + id % 26)).repeat(PADDING);
        List<Future<Void>> pending = new ArrayList<>();
        for (int seq = 0; seq < count; seq++) {
            String message = id + ":" + seq + ":" + padding;
            try {
                if (async) {
                    pending.add(session.getAsyncRemote().sendText(message));
                } else {
                    session.getBasicRemote().sendText(message);
                }
            } catch (Throwable e) {
                errors.add(id + ":" + seq + " " + e);
            }
        }
        for (Future<Void> future : pending) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (Throwable e) {
                errors.add(id + " async " + e);
            }
        }
    }
}
