package dev.duplex.samples.ticker;

import java.util.Set;

/**
 * What a ticker client wants to receive, decoded by {@link SubscriptionDecoder} from
 * {@code {"subscribe":["ACME","GLOBEX"]}}. An empty set stops the quotes.
 *
 * @param symbols the symbols to receive quotes for, replacing any earlier subscription
 */
public record Subscription(Set<String> symbols) {

    public Subscription {
        symbols = Set.copyOf(symbols);
    }
}
