package dev.duplex.samples.ticker;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.websocket.DecodeException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Live quotes: the client subscribes with {@code {"subscribe":["ACME"]}} (decoded by {@link SubscriptionDecoder});
 * the server confirms with {@code {"type":"subscribed","symbols":["ACME"]}} and from then on pushes a quote for
 * each subscribed symbol every {@value TickerFeed#PERIOD_MILLIS} ms ({@link TickerFeed}), without further requests.
 * A bad subscription (not JSON, an unknown symbol) is answered with {@code {"type":"error","message":...}} and
 * changes nothing.
 *
 * <p>Duplex creates one instance per connection and calls it one event at a time.
 */
@ServerEndpoint(value = "/ticker", decoders = SubscriptionDecoder.class)
public class TickerEndpoint {

    private static final System.Logger LOG = System.getLogger(TickerEndpoint.class.getName());
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @OnMessage(maxMessageSize = 4096)
    public void onSubscription(Subscription subscription, Session session) {
        Set<String> unknown = new TreeSet<>(subscription.symbols());
        unknown.removeAll(TickerFeed.SYMBOLS);
        if (!unknown.isEmpty()) {
            error(session, "Unknown symbols " + unknown + "; the feed has " + TickerFeed.SYMBOLS + ".");
            return;
        }
        TickerFeed.INSTANCE.subscribe(session, subscription.symbols());
    }

    @OnClose
    public void onClose(Session session) {
        TickerFeed.INSTANCE.unsubscribe(session);
    }

    /** A message that does not decode arrives here; the session stays open. */
    @OnError
    public void onError(Session session, Throwable error) {
        if (error instanceof DecodeException bad) {
            error(session, "Not a subscription (" + bad.getMessage() + "): send {\"subscribe\":[\"ACME\"]}.");
        } else {
            LOG.log(Level.DEBUG, () -> "ticker session " + session.getId() + ": " + error);
        }
    }

    private static void error(Session session, String message) {
        session.getAsyncRemote().sendText(JSON.createObjectBuilder()
                .add("type", "error")
                .add("message", message)
                .build().toString());
    }
}
