package dev.duplex.session;

import jakarta.websocket.PongMessage;
import java.nio.ByteBuffer;

/** A received pong's application data. Immutable. */
record WsPongMessage(ByteBuffer payload) implements PongMessage {

    @Override
    public ByteBuffer getApplicationData() {
        return payload.asReadOnlyBuffer();
    }
}
