package dev.duplex.tck.configurator;

import jakarta.websocket.server.ServerEndpointConfig;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands every connection the same endpoint instance (one per configurator instance, so one per logical endpoint)
 * and counts its {@code getEndpointInstance} calls.
 */
public class SharedInstanceConfigurator extends ServerEndpointConfig.Configurator {

    private static final AtomicInteger CREATED = new AtomicInteger();

    final int id = CREATED.incrementAndGet();
    final AtomicInteger calls = new AtomicInteger();
    private Object instance;

    @Override
    public synchronized <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        calls.incrementAndGet();
        if (instance == null) {
            instance = super.getEndpointInstance(endpointClass);
            if (instance instanceof SharedInstanceEndpoint shared) {
                shared.configurator = this;
            } else if (instance instanceof OtherSharedInstanceEndpoint other) {
                other.configurator = this;
            }
        }
        return endpointClass.cast(instance);
    }
}
