package dev.duplex.samples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Stopping the samples (what the shutdown hook does on Ctrl-C) closes every open session with 1001. */
class SamplesShutdownTest {

    @Test
    void stoppingTheServerClosesOpenSessionsWith1001() throws Exception {
        SamplesServer server = SamplesMain.start("--port", "0", "--host", "127.0.0.1");
        try (JdkSocket chat = JdkSocket.connect(server.wsUrl("/chat"));
                JdkSocket ticker = JdkSocket.connect(server.wsUrl("/ticker"))) {
            chat.send("nick stayer");
            assertEquals("stayer joined", chat.nextJson().getString("message"));
            ticker.send("{\"subscribe\":[\"ACME\"]}");
            assertEquals("subscribed", ticker.nextJson().getString("type"));

            server.close();

            assertEquals(1001, chat.nextClose().code());
            Object event;
            do {
                event = ticker.next(); // quotes queued before the close
            } while (event instanceof String);
            assertEquals(1001, assertInstanceOf(JdkSocket.Closed.class, event).code());
        } finally {
            server.close();
        }
    }
}
