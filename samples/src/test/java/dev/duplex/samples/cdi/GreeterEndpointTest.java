package dev.duplex.samples.cdi;

import dev.duplex.samples.JdkSocket;
import dev.duplex.samples.SamplesServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint with an injected bean, on Weld in the embedded Tomcat (weld-servlet, as {@link SamplesServer} runs
 * it): Duplex asks CDI for each endpoint instance, so the injected application-scoped {@link Greeter} answers, and
 * its count goes on from one connection to the next.
 */
class GreeterEndpointTest {

    private static final Pattern GREETING = Pattern.compile(
            "Hello, (.+)! Greeting #(\\d+) from the application-scoped Greeter bean\\.");

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
    void theInjectedApplicationScopedServiceAnswersEveryConnection() throws Exception {
        long first;
        try (JdkSocket ann = JdkSocket.connect(server.wsUrl("/greeter"))) {
            ann.send("ann");
            first = greeting(ann.nextText(), "ann");
            ann.send("  ");
            assertEquals(first + 1, greeting(ann.nextText(), "stranger"));
        }
        try (JdkSocket ben = JdkSocket.connect(server.wsUrl("/greeter"))) {
            ben.send("ben");
            assertEquals(first + 2, greeting(ben.nextText(), "ben"), "one Greeter for every endpoint instance");
        }
    }

    private static long greeting(String text, String name) {
        Matcher m = GREETING.matcher(text);
        assertTrue(m.matches(), text);
        assertEquals(name, m.group(1));
        return Long.parseLong(m.group(2));
    }
}
