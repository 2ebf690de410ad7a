package dev.duplex.samples.chat;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.websocket.Encoder;

import java.util.Map;

/**
 * Turns a {@link ChatEvent} into a JSON text message with JSON-P: {@code {"type":"nick","message":"alice joined"}}.
 * JSON-P escapes quotes and control characters, so whatever a user types stays a string.
 *
 * <p>Duplex creates one encoder per session and calls it on the thread that sends, one message at a time.
 */
public class ChatEventEncoder implements Encoder.Text<ChatEvent> {

    /** Looking up the JSON-P provider is slow; the factory is thread-safe, so one serves every session. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Override
    public String encode(ChatEvent event) {
        return JSON.createObjectBuilder()
                .add("type", event.type())
                .add("message", event.message())
                .build()
                .toString();
    }
}
