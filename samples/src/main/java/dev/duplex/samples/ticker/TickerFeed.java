package dev.duplex.samples.ticker;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.websocket.Session;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Made-up stock quotes, pushed to the subscribed sessions every {@value #PERIOD_MILLIS} ms without any request:
 * {@code {"type":"quote","symbol":"ACME","price":101.25,"change":0.25,"time":1700000000000}}.
 *
 * <p>One feed per class loader ({@link #INSTANCE}). Its single timer thread runs only while someone is subscribed:
 * it starts with the first subscription and stops when the last session unsubscribes or closes, so a stopped
 * server leaves no thread behind. Each quote is encoded once and sent to every interested session with an
 * asynchronous send, so a slow client delays nobody (its queue is bounded by Duplex; it misses quotes instead).
 *
 * <p>Threads: {@link #subscribe} and {@link #unsubscribe} from any thread (endpoint callbacks); the quotes on the
 * timer thread.
 */
public final class TickerFeed {

    /** The symbols on offer. */
    public static final List<String> SYMBOLS = List.of("ACME", "GLOBEX", "INITECH", "UMBRELLA");
    /** Time between two rounds of quotes. */
    public static final long PERIOD_MILLIS = 100;

    static final TickerFeed INSTANCE = new TickerFeed();

    private static final System.Logger LOG = System.getLogger(TickerFeed.class.getName());
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private final Map<Session, Set<String>> subscribers = new HashMap<>();  // all fields guarded by this
    private final Map<String, BigDecimal> prices = new HashMap<>(Map.of(
            "ACME", new BigDecimal("100.00"), "GLOBEX", new BigDecimal("50.00"),
            "INITECH", new BigDecimal("20.00"), "UMBRELLA", new BigDecimal("250.00")));
    private ScheduledExecutorService timer; // not null while anyone is subscribed

    private TickerFeed() {
    }

    /**
     * Replaces what {@code session} receives by {@code symbols} (known ones; none stops the quotes) and confirms
     * with {@code {"type":"subscribed","symbols":[...]}}. The confirmation and the rounds of quotes take turns
     * under one lock, so every quote after the confirmation is one of {@code symbols}.
     */
    synchronized void subscribe(Session session, Set<String> symbols) {
        send(session, JSON.createObjectBuilder()
                .add("type", "subscribed")
                .add("symbols", JSON.createArrayBuilder(new TreeSet<>(symbols)))
                .build().toString());
        if (symbols.isEmpty()) {
            unsubscribe(session);
            return;
        }
        subscribers.put(session, Set.copyOf(symbols));
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "ticker-feed");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::publish, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the quotes for {@code session}; the timer stops with the last subscriber. */
    synchronized void unsubscribe(Session session) {
        subscribers.remove(session);
        if (subscribers.isEmpty() && timer != null) {
            timer.shutdown();
            timer = null;
        }
    }

    /** One round: a new price for each symbol, sent to the sessions that want it. Runs on the timer thread. */
    private synchronized void publish() {
        try {
            for (String symbol : SYMBOLS) {
                String quote = nextQuote(symbol);
                subscribers.forEach((session, symbols) -> {
                    if (symbols.contains(symbol)) {
                        send(session, quote);
                    }
                });
            }
        } catch (RuntimeException e) { // a scheduled task that throws is never run again
            LOG.log(Level.WARNING, "ticker round failed", e);
        }
    }

    /** Queues {@code text} and returns at once; a closed or too slow session misses it. */
    private static void send(Session session, String text) {
        if (session.isOpen()) {
            session.getAsyncRemote().sendText(text, result -> {
                if (!result.isOK()) {
                    LOG.log(Level.DEBUG, () -> "ticker session " + session.getId() + " missed a message: "
                            + result.getException());
                }
            });
        }
    }

    /** A random walk of at most 0.5 % per round, as JSON. */
    private String nextQuote(String symbol) {
        BigDecimal old = prices.get(symbol);
        double move = ThreadLocalRandom.current().nextDouble(-0.005, 0.005);
        BigDecimal price = old.multiply(BigDecimal.valueOf(1 + move)).setScale(2, RoundingMode.HALF_EVEN);
        prices.put(symbol, price);
        return JSON.createObjectBuilder()
                .add("type", "quote")
                .add("symbol", symbol)
                .add("price", price)
                .add("change", price.subtract(old))
                .add("time", System.currentTimeMillis())
                .build()
                .toString();
    }
}
