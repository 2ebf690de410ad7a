package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A programmatic client endpoint that records what happens to it: whole text and binary messages (binary copied),
 * errors, and the close reason. Waits are bounded ({@link #WAIT_SECONDS}) so a broken test fails instead of hanging.
 */
public class ClientProbe extends Endpoint {

    static final long WAIT_SECONDS = 20;

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    final CompletableFuture<String> openThread = new CompletableFuture<>();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        openThread.complete(Thread.currentThread().getName());
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) messages::add);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            messages.add(copy);
        });
    }

    @Override
    public void onError(Session session, Throwable failure) {
        errors.add(failure);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.complete(closeReason);
    }

    Object next() throws InterruptedException {
        Object message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(message, "no message within " + WAIT_SECONDS + " s");
        return message;
    }

    String nextText() throws InterruptedException {
        return (String) next();
    }

    ByteBuffer nextBinary() throws InterruptedException {
        return (ByteBuffer) next();
    }

    CloseReason awaitClose() throws Exception {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
