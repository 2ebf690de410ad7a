package dev.duplex.tck.flow;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;

/**
 * A deliberately slow application: each binary message is processed only when the test grants it
 * ({@link InboundProbe#consume}, which blocks the {@code @OnMessage} call until then).
 */
@ServerEndpoint("/flow/slow")
public class SlowConsumerEndpoint {

    @OnMessage(maxMessageSize = 2 * InboundProbe.MESSAGE_BYTES)
    public void onMessage(ByteBuffer message) {
        InboundProbe.consume(message);
    }
}
