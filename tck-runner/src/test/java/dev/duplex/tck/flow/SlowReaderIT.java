package dev.duplex.tck.flow;

import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketClient;
import dev.duplex.tck.support.WebSocketEvent;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A slow reader fills its own session's outbound budget (DESIGN.md §3 rule 4, docs/configuration.md
 * {@code duplex.outboundLimitBytes}, {@code duplex.outboundOverflow}) and nobody else's: 100 healthy JDK clients and
 * one stalled raw client (small receive buffer, never reads) share a broadcast on one container
 * ({@link BroadcastEndpoint}, {@link BroadcastPusher}: 16 KiB messages with async sends, round after round, never
 * waiting for a slow session). The push goes on until the stalled session overflows, and 20 rounds more.
 * <ul>
 *   <li>Policy {@code fail} (the default, 1 MiB budget): the stalled session's sends fail with an
 *       {@code IOException} naming the budget; the session stays open, and when its client finally reads it gets
 *       exactly the messages whose send was not refused, in order.</li>
 *   <li>Policy {@code close} (context init parameter {@code duplex.outboundOverflow=close}): the stalled session is
 *       closed with 1008 and a reason naming the limit; its client sees that close once it reads.</li>
 * </ul>
 * In both, every healthy session receives every round, in order, and none of its sends fails. The same holds when
 * each round is one {@code PreparedMessage} (Duplex's encode-once broadcast) sent to everybody: each session still
 * has its own budget.
 */
@ExtendWith(ArquillianExtension.class)
class SlowReaderIT {

    static final int HEALTHY = 100;
    static final int SIZE = 16 * 1024;
    static final int EXTRA_ROUNDS = 20;
    static final int MAX_ROUNDS = 4000;
    private static final Pattern DONE = Pattern.compile("done rounds=(\\d+) healthyFailures=(\\d+) refused=(\\d+)"
            + " admitted=(\\S+) firstHealthyFailure=(\\S*) firstRefusal=(.*)");

    @ArquillianResource
    @OperateOnDeployment("fail")
    private URL failBase;

    @ArquillianResource
    @OperateOnDeployment("close")
    private URL closeBase;

    @Deployment(name = "fail", testable = false)
    static WebArchive failPolicy() {
        return DuplexWar.create("flow-overflow-fail", BroadcastEndpoint.class, BroadcastPusher.class);
    }

    @ArquillianResource
    @OperateOnDeployment("prepared")
    private URL preparedBase;

    @Deployment(name = "prepared", testable = false)
    static WebArchive preparedBroadcast() {
        return DuplexWar.create("flow-overflow-prepared", BroadcastEndpoint.class, BroadcastPusher.class);
    }

    @Deployment(name = "close", testable = false)
    static WebArchive closePolicy() {
        return DuplexWar.create("flow-overflow-close", BroadcastEndpoint.class, BroadcastPusher.class)
                .setWebXML(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                          <context-param>
                            <param-name>duplex.outboundOverflow</param-name>
                            <param-value>close</param-value>
                          </context-param>
                        </web-app>
                        """));
    }

    @Test
    void stalledSessionsSendsFailNamingTheBudgetAndOthersGetEverything() throws Exception {
        stalledSessionsSendsFail(failBase, "async");
    }

    @Test
    void aPreparedBroadcastKeepsEverySessionsOwnBudget() throws Exception {
        stalledSessionsSendsFail(preparedBase, "prepared");
    }

    private void stalledSessionsSendsFail(URL base, String sends) throws Exception {
        try (Broadcast b = Broadcast.open(base)) {
            String overflow = b.push(sends);
            assertTrue(overflow.contains("java.io.IOException") && overflow.contains("outbound limit 1048576 bytes")
                    && overflow.contains("duplex.outboundLimitBytes"), "the refused send's failure: " + overflow);
            Matcher done = b.awaitDone();
            b.assertHealthyGotEverything(done);

            int refused = Integer.parseInt(done.group(3));
            List<Integer> admitted = rounds(done.group(4));
            assertTrue(refused > 0, "refused sends");
            assertEquals(Integer.parseInt(done.group(1)), admitted.size() + refused, "rounds = admitted + refused");
            StalledClient.Drained got = b.stalled.drain(admitted.size());
            assertNull(got.failure(), "reading the stalled session's backlog: " + got);
            assertNull(got.close(), "the stalled session stays open under policy fail");
            assertEquals(admitted, got.rounds(), "the stalled client gets exactly the admitted messages, in order");
            RawFrames.Frame close = b.stalled.closeAndAwaitReply(1000);
            assertEquals(1000, close.closeCode(), "close reply; reason " + close.closeReason());
        }
    }

    @Test
    void stalledSessionIsClosedWith1008UnderPolicyClose() throws Exception {
        try (Broadcast b = Broadcast.open(closeBase)) {
            String overflow = b.push("async");
            assertTrue(overflow.contains("outbound limit 1048576 bytes"), "the refused send's failure: " + overflow);
            // Read now: the close frame waits behind what the kernel and the container already hold.
            CompletableFuture<StalledClient.Drained> drained =
                    CompletableFuture.supplyAsync(() -> b.stalled.drain(Integer.MAX_VALUE));
            Matcher done = b.awaitDone();
            b.assertHealthyGotEverything(done);

            StalledClient.Drained got = drained.get(60, TimeUnit.SECONDS);
            assertNotNull(got.close(), "a close frame after the backlog: " + got.failure() + ", "
                    + got.rounds().size() + " messages read");
            assertEquals(1008, got.close().closeCode(), "close code; reason " + got.close().closeReason());
            assertTrue(got.close().closeReason().contains("outbound limit"), "reason names the limit: "
                    + got.close().closeReason());
            String closed = b.awaitControl("stalled-closed");
            assertTrue(closed.startsWith("stalled-closed 1008"), "the server endpoint's onClose: " + closed);
        }
    }

    /** The admitted rounds, from {@code a-b,c-d} (or {@code none}). */
    private static List<Integer> rounds(String ranges) {
        List<Integer> rounds = new ArrayList<>();
        if (!"none".equals(ranges)) {
            for (String range : ranges.split(",")) {
                String[] ends = range.split("-");
                for (int r = Integer.parseInt(ends[0]); r <= Integer.parseInt(ends[1]); r++) {
                    rounds.add(r);
                }
            }
        }
        return rounds;
    }

    /** The clients of one broadcast: 100 healthy, one stalled, one control. */
    private static final class Broadcast implements AutoCloseable {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private final List<HealthyListener> listeners = new ArrayList<>();
        private final List<WebSocket> healthy = new ArrayList<>();
        private final RecordingListener controlEvents = new RecordingListener();
        private final List<String> controlSeen = new ArrayList<>();
        private final List<String> controlPending = new ArrayList<>();
        private StalledClient stalled;
        private WebSocket control;

        static Broadcast open(URL base) throws Exception {
            Broadcast b = new Broadcast();
            try {
                URI healthyUri = WebSocketClient.uri(base, "/flow/broadcast?role=healthy");
                List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
                for (int i = 0; i < HEALTHY; i++) {
                    HealthyListener listener = new HealthyListener(SIZE);
                    b.listeners.add(listener);
                    opening.add(HTTP.newWebSocketBuilder().buildAsync(healthyUri, listener));
                }
                for (CompletableFuture<WebSocket> ws : opening) {
                    b.healthy.add(ws.get(30, TimeUnit.SECONDS));
                }
                b.stalled = StalledClient.connect(WebSocketClient.uri(base, "/flow/broadcast?role=stalled"), 4096);
                b.control = WebSocketClient.connect(WebSocketClient.uri(base, "/flow/broadcast?role=control"),
                        b.controlEvents);
                await(b.control.sendText("await " + HEALTHY + " 1", true));
                assertEquals("count " + HEALTHY + " 1", b.awaitControl("count"), "sessions on the broadcast");
                return b;
            } catch (Exception | Error e) {
                b.close();
                throw e;
            }
        }

        /** Starts the push and returns the overflow report's message. */
        String push(String sends) throws Exception {
            await(control.sendText("push " + SIZE + " " + EXTRA_ROUNDS + " " + MAX_ROUNDS + " " + sends, true));
            return awaitControl("overflow");
        }

        Matcher awaitDone() throws Exception {
            String done = awaitControl("done");
            Matcher m = DONE.matcher(done);
            assertTrue(m.matches(), "report: " + done);
            return m;
        }

        void assertHealthyGotEverything(Matcher done) throws InterruptedException {
            int rounds = Integer.parseInt(done.group(1));
            assertEquals(0, Integer.parseInt(done.group(2)), "failed sends to healthy sessions; first: "
                    + done.group(5));
            for (int i = 0; i < listeners.size(); i++) {
                HealthyListener l = listeners.get(i);
                int got = l.awaitMessages(rounds, 60_000);
                assertNull(l.error(), "healthy session " + i);
                assertEquals(rounds, got, "messages received by healthy session " + i);
            }
        }

        /**
         * The first control message starting with {@code prefix}, in arrival order (messages taken while waiting for
         * another prefix are kept for later calls).
         */
        String awaitControl(String prefix) throws Exception {
            for (java.util.Iterator<String> it = controlPending.iterator(); it.hasNext(); ) {
                String text = it.next();
                if (text.startsWith(prefix)) {
                    it.remove();
                    return text;
                }
            }
            while (true) {
                WebSocketEvent event = controlEvents.next();
                if (!(event instanceof WebSocketEvent.Text text)) {
                    fail("control session got " + event + " while waiting for " + prefix + "; seen " + controlSeen);
                    return null;
                }
                controlSeen.add(text.text());
                if (text.text().startsWith("error")) {
                    fail("broadcast failed: " + text.text());
                }
                if (text.text().startsWith(prefix)) {
                    return text.text();
                }
                controlPending.add(text.text());
            }
        }

        @Override
        public void close() throws Exception {
            for (WebSocket ws : healthy) {
                ws.abort();
            }
            if (control != null) {
                control.abort();
            }
            if (stalled != null) {
                stalled.close();
            }
        }
    }
}
