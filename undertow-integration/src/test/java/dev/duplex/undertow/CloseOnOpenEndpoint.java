package dev.duplex.undertow;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends a greeting and closes the session from onOpen (with inline dispatch: before reading starts). */
@ServerEndpoint("/close-on-open")
public class CloseOnOpenEndpoint {

    static final AtomicInteger closes = new AtomicInteger();
    static volatile CompletableFuture<String> lastClose = new CompletableFuture<>();

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("hello");
        session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "closed on open"));
    }

    @OnClose
    public void close(CloseReason reason) {
        closes.incrementAndGet();
        lastClose.complete(reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
    }
}
