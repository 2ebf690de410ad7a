package dev.duplex.undertow;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** "wait" blocks its callback until some connection sends "open"; anything else is echoed. */
@ServerEndpoint("/gate")
public class GateEndpoint {

    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch gate = new CountDownLatch(1);

    @OnMessage
    public String message(String message) throws InterruptedException {
        switch (message) {
            case "wait":
                entered.countDown();
                return gate.await(30, TimeUnit.SECONDS) ? "released" : "nobody opened the gate";
            case "open":
                gate.countDown();
                return "opened";
            default:
                return message;
        }
    }
}
