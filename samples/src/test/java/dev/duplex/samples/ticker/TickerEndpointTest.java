package dev.duplex.samples.ticker;

import dev.duplex.samples.JdkSocket;
import dev.duplex.samples.SamplesServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ticker over the JDK's WebSocket client: subscriptions, the quotes pushed, bad requests. */
class TickerEndpointTest {

    private static final int QUOTES = 20;

    private static SamplesServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SamplesServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pushesQuotesOfTheSubscribedSymbolOnlyAboutTenTimesASecond() throws Exception {
        try (JdkSocket ws = JdkSocket.connect(server.wsUrl("/ticker"))) {
            ws.send("{\"subscribe\":[\"ACME\"]}");
            assertEquals(Json.createArrayBuilder().add("ACME").build(), subscribed(ws));

            JsonObject first = quote(ws, "ACME");
            long start = System.nanoTime();
            for (int i = 0; i < QUOTES; i++) {
                JsonObject quote = quote(ws, "ACME");
                assertTrue(quote.getJsonNumber("price").doubleValue() > 0, quote.toString());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            // The feed waits 100 ms between rounds: never faster than that; the upper bound only catches a stall.
            assertTrue(elapsed.toMillis() >= (QUOTES - 1) * TickerFeed.PERIOD_MILLIS,
                    QUOTES + " quotes in " + elapsed.toMillis() + " ms");
            assertTrue(elapsed.toMillis() < QUOTES * TickerFeed.PERIOD_MILLIS * 5,
                    QUOTES + " quotes in " + elapsed.toMillis() + " ms");
            assertTrue(first.getJsonNumber("time").longValue() > 0, first.toString());
        }
    }

    @Test
    void aNewSubscriptionReplacesTheOldOneFromItsConfirmationOn() throws Exception {
        try (JdkSocket ws = JdkSocket.connect(server.wsUrl("/ticker"))) {
            ws.send("{\"subscribe\":[\"ACME\",\"GLOBEX\"]}");
            assertEquals(Json.createArrayBuilder().add("ACME").add("GLOBEX").build(), subscribed(ws));
            quote(ws, "ACME");
            quote(ws, "GLOBEX");

            ws.send("{\"subscribe\":[\"UMBRELLA\"]}");
            JsonObject message;
            do {
                message = ws.nextJson(); // quotes of the old subscription queued before the confirmation
            } while (message.getString("type").equals("quote"));
            assertEquals("subscribed", message.getString("type"), message.toString());
            for (int i = 0; i < 5; i++) {
                quote(ws, "UMBRELLA");
            }

            ws.send("{\"subscribe\":[]}");
            do {
                message = ws.nextJson();
            } while (message.getString("type").equals("quote"));
            assertEquals(Json.createArrayBuilder().build(), message.getJsonArray("symbols"));
            ws.send("{\"subscribe\":[\"INITECH\"]}"); // nothing in between: the empty subscription stopped them
            assertEquals("subscribed", ws.nextJson().getString("type"));
        }
    }

    @Test
    void aBadSubscriptionIsAnsweredWithAnErrorAndTheSessionStaysOpen() throws Exception {
        try (JdkSocket ws = JdkSocket.connect(server.wsUrl("/ticker"))) {
            ws.send("subscribe ACME");
            assertError(ws, "Not a subscription (not JSON");

            ws.send("{\"symbols\":[\"ACME\"]}");
            assertError(ws, "Not a subscription (expected {\"subscribe\":[\"ACME\", ...]})");

            ws.send("{\"subscribe\":[\"ACME\",\"NOPE\"]}");
            assertError(ws, "Unknown symbols [NOPE]; the feed has [ACME, GLOBEX, INITECH, UMBRELLA].");

            ws.send("{\"subscribe\":[\"INITECH\"]}");
            subscribed(ws);
            quote(ws, "INITECH");
        }
    }

    private static JsonArray subscribed(JdkSocket ws) throws InterruptedException {
        JsonObject message = ws.nextJson();
        assertEquals("subscribed", message.getString("type"), message.toString());
        return message.getJsonArray("symbols");
    }

    private static JsonObject quote(JdkSocket ws, String symbol) throws InterruptedException {
        JsonObject quote = ws.nextJson();
        assertEquals("quote", quote.getString("type"), quote.toString());
        assertEquals(symbol, quote.getString("symbol"), quote.toString());
        return quote;
    }

    private static void assertError(JdkSocket ws, String start) throws InterruptedException {
        JsonObject error = ws.nextJson();
        assertEquals("error", error.getString("type"), error.toString());
        assertTrue(error.getString("message").startsWith(start), error.toString());
    }
}
