package dev.duplex.benchmarks.servers;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * {@code /echo-large}: {@link EchoEndpoint} with the message size limits raised to {@value #MAX_MESSAGE} bytes, in
 * {@code @OnOpen} and on the annotation, so that the 16 KiB and 1 MiB scenarios fit everywhere (Tomcat's default
 * buffer is 8 KiB, Jetty's 64 KiB). A separate path because Tomcat allocates these buffers up front for every
 * session: raising them on {@code /echo} would make Tomcat's idle figure (and heap) meaningless.
 */
@ServerEndpoint("/echo-large")
public class LargeEchoEndpoint {

    static final int MAX_MESSAGE = 2 << 20;

    @OnOpen
    public void open(Session session) {
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        session.setMaxIdleTimeout(0);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public String text(String message) {
        return message;
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public ByteBuffer binary(ByteBuffer message) {
        return message;
    }
}
