package dev.duplex.tck.flow;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A broadcaster for {@link SlowReaderIT}. Sessions join with {@code ?role=healthy}, {@code ?role=stalled} or
 * {@code ?role=control}. The control session's text {@code push <size> <extraRounds> <maxRounds>} starts a
 * {@link BroadcastPusher} that sends numbered binary messages to every healthy and stalled session with async sends,
 * and reports to the control session; {@code await <healthy> <stalled>} answers {@code count <healthy> <stalled>}
 * once that many sessions joined (or after 30 s). When a stalled session closes, the control session gets
 * {@code stalled-closed <code> <reason>}. One WAR holds one broadcast (static registry, per web application).
 */
@ServerEndpoint("/flow/broadcast")
public class BroadcastEndpoint {

    static final Map<String, Session> HEALTHY = new ConcurrentHashMap<>();
    static final Map<String, Session> STALLED = new ConcurrentHashMap<>();
    static volatile Session control;

    @OnOpen
    public void open(Session session) {
        List<String> role = session.getRequestParameterMap().getOrDefault("role", List.of("healthy"));
        switch (role.get(0)) {
            case "stalled" -> STALLED.put(session.getId(), session);
            case "control" -> control = session;
            default -> HEALTHY.put(session.getId(), session);
        }
        synchronized (BroadcastEndpoint.class) {
            BroadcastEndpoint.class.notifyAll();
        }
    }

    @OnMessage
    public void command(String command, Session session) {
        String[] words = command.split(" ");
        if ("push".equals(words[0])) {
            BroadcastPusher pusher = new BroadcastPusher(List.copyOf(HEALTHY.values()), List.copyOf(STALLED.values()),
                    session, Integer.parseInt(words[1]), Integer.parseInt(words[2]), Integer.parseInt(words[3]),
                    words.length > 4 && "prepared".equals(words[4]));
            Thread thread = new Thread(pusher, "flow-broadcast-pusher");
            thread.setDaemon(true);
            thread.start();
        } else if ("await".equals(words[0])) {
            awaitSessions(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
            session.getAsyncRemote().sendText("count " + HEALTHY.size() + " " + STALLED.size());
        }
    }

    /** Waits up to 30 s until as many sessions joined (a client's handshake completes before its onOpen runs). */
    private static void awaitSessions(int healthy, int stalled) {
        long deadline = System.currentTimeMillis() + 30_000;
        synchronized (BroadcastEndpoint.class) {
            while (HEALTHY.size() < healthy || STALLED.size() < stalled) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                try {
                    BroadcastEndpoint.class.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        HEALTHY.remove(session.getId());
        if (STALLED.remove(session.getId()) != null) {
            Session c = control;
            if (c != null && c.isOpen()) {
                c.getAsyncRemote().sendText("stalled-closed " + reason.getCloseCode().getCode() + " "
                        + reason.getReasonPhrase());
            }
        }
        if (session == control) {
            control = null;
        }
    }
}
