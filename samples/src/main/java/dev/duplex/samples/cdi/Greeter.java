package dev.duplex.samples.cdi;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An application-scoped CDI bean: one instance serves every connection, so its count goes on across them.
 * Thread-safe (endpoints of different sessions call it at the same time).
 */
@ApplicationScoped
public class Greeter {

    private final AtomicLong greetings = new AtomicLong();

    public String greet(String name) {
        return "Hello, " + name + "! Greeting #" + greetings.incrementAndGet() + " from the application-scoped"
                + " Greeter bean.";
    }
}
