package dev.duplex.tck.flow;

import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketClient;
import dev.duplex.tck.support.WebSocketEvent.Text;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inline dispatch (docs/configuration.md, {@code duplex.dispatch=inline}) keeps DESIGN.md §3 rule 1: a callback that
 * runs on the container's thread never waits for a write. Its client never reads, so its 16 KiB blocking sends
 * back up into the session's outbound budget (64 KiB here):
 * <ul>
 *   <li>the sends return without waiting; once the budget is full, the next one fails at once with an
 *       IOException naming the budget and saying why it cannot wait (policy fail), instead of blocking the
 *       container's thread until the send timeout;</li>
 *   <li>{@code Future.get()} on an async send that cannot be written yet fails at once, saying why;</li>
 *   <li>each send took its own copy: the application overwrote its buffer right after each send returned, yet the
 *       client, once it reads, gets every admitted message intact and in order;</li>
 * </ul>
 */
@ExtendWith(ArquillianExtension.class)
class InlineSendIT {

    private static final Pattern REPORT = Pattern.compile(
            "sent=(\\d+) millis=(\\d+) blocking=(.*) future=(.*)");

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("flow-inline-send", InlineSenderEndpoint.class).setWebXML(new StringAsset("""
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param>
                    <param-name>duplex.dispatch</param-name><param-value>inline</param-value>
                  </context-param>
                  <context-param>
                    <param-name>duplex.outboundLimitBytes</param-name><param-value>65536</param-value>
                  </context-param>
                </web-app>
                """));
    }

    @Test
    void blockingSendsInsideAnInlineCallbackNeverWaitAndKeepTheirBytes() throws Exception {
        try (StalledClient stalled = StalledClient.connect(WebSocketClient.uri(base, "/flow/inline"), 4096)) {
            RecordingListener listener = new RecordingListener();
            WebSocket control = WebSocketClient.connect(WebSocketClient.uri(base, "/flow/inline"), listener);
            String report = "executor";
            for (int attempt = 0; attempt < 5 && report.equals("executor"); attempt++) {
                String token = UUID.randomUUID().toString();
                stalled.sendText("flood " + token);
                report = "pending";
                for (int i = 0; i < 10_000 && report.equals("pending"); i++) {
                    await(control.sendText("report " + token, true));
                    report = listener.next(Text.class, "the flood's report").text();
                }
            }
            control.abort();

            Matcher m = REPORT.matcher(report);
            assertTrue(m.matches(), "report (\"executor\": never ran inline in 5 attempts): " + report);
            int sent = Integer.parseInt(m.group(1));
            String blocking = m.group(3);
            assertTrue(blocking.startsWith("IOException") && blocking.contains("outbound limit 65536 bytes")
                    && blocking.contains("cannot wait"), "the first refused blocking send: " + blocking);
            assertTrue(Long.parseLong(m.group(2)) < 30_000, "the sends did not wait for the send timeout: " + report);
            String future = m.group(4);
            assertTrue(future.startsWith("IOException") && future.contains("would hang"),
                    "Future.get() on an unwritten send: " + future);
            assertTrue(sent > 0, "some sends were admitted: " + report);

            StalledClient.Drained got = stalled.drain(sent);
            assertNull(got.failure(), "reading the backlog: " + got);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                expected.add(i);
            }
            assertEquals(expected, got.rounds(), "every admitted message, in order, with its own number");
            assertFalse(got.rounds().isEmpty());
        }
    }
}
