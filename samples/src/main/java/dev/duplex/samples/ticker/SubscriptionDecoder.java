package dev.duplex.samples.ticker;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decodes {@code {"subscribe":["ACME","GLOBEX"]}} into a {@link Subscription} with JSON-P.
 *
 * <p>Anything else (not JSON, no {@code subscribe} array, a symbol that is not a string) throws a
 * {@link DecodeException} whose message says what was expected: Duplex hands it to the endpoint's
 * {@code @OnError} method, and the session stays open (WSC-4.6-1).
 */
public class SubscriptionDecoder implements Decoder.Text<Subscription> {

    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

    @Override
    public Subscription decode(String text) throws DecodeException {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object && object.get("subscribe") instanceof JsonArray list) {
                Set<String> symbols = new LinkedHashSet<>();
                for (JsonValue symbol : list) {
                    if (!(symbol instanceof JsonString string)) {
                        throw new DecodeException(text, "a symbol must be a string, not " + symbol);
                    }
                    symbols.add(string.getString());
                }
                return new Subscription(symbols);
            }
        } catch (JsonException e) {
            throw new DecodeException(text, "not JSON: " + e.getMessage(), e);
        }
        throw new DecodeException(text, "expected {\"subscribe\":[\"ACME\", ...]}");
    }

    /** Every text message is meant for this decoder: a bad one is reported by {@link #decode}. */
    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
