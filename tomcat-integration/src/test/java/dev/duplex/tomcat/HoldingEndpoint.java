package dev.duplex.tomcat;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Answers a message, then blocks until the test has seen that answer ({@link #seen}), then answers again: a callback
 * that waits on something only the peer's receipt of its reply can bring about. With executor dispatch callbacks may
 * block, so a reply held back to leave with later ones must not wait for the callback to return. "wait" blocks until
 * the test opens {@link #gate}, then answers "waited"; "on the loop?" answers whether the callback runs on a read
 * loop's thread.
 */
@ServerEndpoint("/hold")
public class HoldingEndpoint {

    static volatile CountDownLatch seen = new CountDownLatch(1);
    /** Opened by the test once for each "wait". */
    static volatile Semaphore gate = new Semaphore(0);
    /** Longer than the test waits for the first answer: a held-back reply shows as a missing answer. */
    static final long BLOCK_S = 40;

    @OnMessage
    public void message(String text, Session session) throws IOException, InterruptedException {
        if (text.equals("on the loop?")) { // whether this callback runs on a read loop's thread (inline there)
            boolean loop = false;
            for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
                loop |= e.getClassName().equals(TomcatReadLoop.class.getName()) && e.getMethodName().equals("serve");
            }
            session.getBasicRemote().sendText(String.valueOf(loop));
            return;
        }
        if (text.equals("wait")) { // a callback that blocks until the test opens the gate, then answers
            boolean opened = gate.tryAcquire(BLOCK_S, TimeUnit.SECONDS);
            session.getBasicRemote().sendText(opened ? "waited" : "gate never opened");
            return;
        }
        session.getBasicRemote().sendText("sent " + text);
        boolean released = seen.await(BLOCK_S, TimeUnit.SECONDS);
        session.getBasicRemote().sendText(released ? "released" : "never released");
    }
}
