package dev.duplex.samples.cdi;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * An endpoint with an injected CDI bean: send a name, receive a greeting from the application-scoped
 * {@link Greeter}.
 *
 * <p>Nothing Duplex-specific is needed: when the application runs a CDI container (here Weld, started by
 * {@code SamplesServer}), Duplex's default configurator asks CDI for each new endpoint instance, which fills its
 * {@code @Inject} fields and calls its {@code @PostConstruct} method. The class needs no bean-defining annotation.
 */
@ServerEndpoint("/greeter")
public class GreeterEndpoint {

    @Inject
    private Greeter greeter;

    /** The returned text is sent back to the sender. */
    @OnMessage(maxMessageSize = 1024)
    public String onMessage(String name) {
        return greeter.greet(name.isBlank() ? "stranger" : name.strip());
    }
}
