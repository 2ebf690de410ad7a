package dev.duplex.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Records what a connection delivers, as strings like "open", "text:abc", "close:1000:bye". */
final class RecordingHandler implements ConnectionHandler {

    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final CountDownLatch opened = new CountDownLatch(1);
    volatile InboundMode mode = InboundMode.WHOLE;
    volatile Consumer<String> onTextHook;

    volatile Runnable onOpenHook;

    @Override
    public void onOpen() {
        Runnable hook = onOpenHook;
        if (hook != null) {
            hook.run();
        }
        events.add("open");
        opened.countDown();
    }

    @Override
    public InboundMode inboundMode(boolean text) {
        return mode;
    }

    @Override
    public void onText(String message) {
        Consumer<String> hook = onTextHook;
        if (hook != null) {
            hook.accept(message);
        }
        events.add("text:" + message);
    }

    @Override
    public void onBinary(ByteBuffer message) {
        events.add("binary:" + message.remaining());
    }

    @Override
    public void onTextPart(String part, boolean last) {
        events.add("textPart:" + part + ":" + last);
    }

    @Override
    public void onBinaryPart(ByteBuffer part, boolean last) {
        events.add("binaryPart:" + part.remaining() + ":" + last);
    }

    volatile java.util.function.Consumer<java.io.Reader> onTextStreamHook;

    @Override
    public void onTextStream(java.io.Reader message) {
        java.util.function.Consumer<java.io.Reader> hook = onTextStreamHook;
        if (hook != null) {
            hook.accept(message);
        }
    }

    @Override
    public void onBinaryStream(java.io.InputStream message) {
        try {
            events.add("binaryStream:" + message.readAllBytes().length);
        } catch (java.io.IOException e) {
            events.add("binaryStreamError:" + e.getMessage());
        }
    }

    @Override
    public void onPong(ByteBuffer payload) {
        events.add("pong:" + StandardCharsets.UTF_8.decode(payload));
    }

    @Override
    public void onError(Throwable failure) {
        events.add("error:" + failure);
    }

    @Override
    public void onClose(int code, String reason) {
        events.add("close:" + code + ":" + reason);
    }

    /** The next event, skipping "open"; null after 10 s. */
    String next() throws InterruptedException {
        String e;
        do {
            e = events.poll(10, TimeUnit.SECONDS);
        } while ("open".equals(e));
        return e;
    }
}
