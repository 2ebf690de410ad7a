package dev.duplex.tck.handshake;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sends "opened" from {@code onOpen}, then stays in {@code onOpen} until {@link ReleaseServlet} is called (30 s at
 * most), so that the client's next frame surely arrives while {@code onOpen} is still running.
 */
@ServerEndpoint("/slow-open")
public class SlowOpenEndpoint {

    static volatile CountDownLatch release = new CountDownLatch(1);

    @OnOpen
    public void open(Session session) throws IOException, InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        release = latch;
        session.getBasicRemote().sendText("opened");
        latch.await(30, TimeUnit.SECONDS);
    }
}
