package dev.duplex.samples.client;

import dev.duplex.samples.JdkSocket;
import dev.duplex.samples.SamplesServer;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.duplex.samples.JdkSocket.TIMEOUT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command-line chat client, driven as a terminal would: lines written to its standard input, its output read
 * line by line; end of input closes it with 1000, a server that stops closes it with 1001.
 */
class ChatClientTest {

    private SamplesServer server; // one per test: the second test stops it (one Weld servlet container at a time)

    @BeforeEach
    void start() throws Exception {
        server = SamplesServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsALinePerInputLinePrintsWhatArrivesAndClosesNormallyAtTheEndOfInput() throws Exception {
        try (Terminal terminal = new Terminal(server.wsUrl("/chat"));
                JdkSocket other = JdkSocket.connect(server.wsUrl("/chat"))) {
            terminal.awaitLine("Connected to " + server.wsUrl("/chat"));

            terminal.type("nick cli");
            terminal.awaitLine("{\"type\":\"nick\",\"message\":\"cli joined\"}");
            terminal.type("PRIVMSG hello from the terminal");
            terminal.awaitLine("{\"type\":\"message\",\"message\":\"cli: hello from the terminal\"}");
            assertEquals("cli joined", other.nextJson().getString("message"));
            assertEquals("cli: hello from the terminal", other.nextJson().getString("message"));

            other.send("nick other");
            terminal.awaitLine("{\"type\":\"nick\",\"message\":\"other joined\"}");
            assertEquals("other joined", other.nextJson().getString("message"));

            terminal.endOfInput();
            assertEquals(1000, terminal.closeCode());
            terminal.awaitLine("Closed: 1000 NORMAL_CLOSURE (bye)");
            assertEquals("cli left", other.nextJson().getString("message"));
        }
    }

    @Test
    void exitsWith1001WhenTheServerStops() throws Exception {
        try (Terminal terminal = new Terminal(server.wsUrl("/chat"))) {
            terminal.type("nick leaver");
            terminal.awaitLine("{\"type\":\"nick\",\"message\":\"leaver joined\"}");

            server.close(); // what Ctrl-C does to the samples

            assertEquals(1001, terminal.closeCode());
            terminal.awaitLine("Closed: 1001 GOING_AWAY");
        }
    }

    /** {@link ChatClient#run} on a thread of its own, with a pipe for its input and a queue of its output lines. */
    private static final class Terminal implements AutoCloseable {
        private final PipedOutputStream keyboard = new PipedOutputStream();
        private final BlockingQueue<String> screen = new LinkedBlockingQueue<>();
        private final CompletableFuture<CloseReason> result = new CompletableFuture<>();

        Terminal(String url) throws Exception {
            PipedInputStream stdin = new PipedInputStream(keyboard);
            PrintStream stdout = new PrintStream(new LineSink(screen), true, StandardCharsets.UTF_8);
            Thread thread = new Thread(() -> {
                try {
                    result.complete(ChatClient.run(URI.create(url), stdin, stdout));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }, "chat-client-under-test");
            thread.setDaemon(true);
            thread.start();
        }

        void type(String line) throws Exception {
            keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        void endOfInput() throws Exception {
            keyboard.close();
        }

        /** Skips output lines until one that starts with {@code start}. */
        void awaitLine(String start) throws InterruptedException {
            for (;;) {
                String line = screen.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                assertNotNull(line, "no line starting with " + start + " within " + TIMEOUT_SECONDS + " s");
                if (line.startsWith(start)) {
                    return;
                }
            }
        }

        int closeCode() throws Exception {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getCloseCode().getCode();
        }

        @Override
        public void close() throws Exception {
            keyboard.close();
            assertTrue(result.isDone() || closeCode() > 0, "the client did not stop");
        }
    }

    /** Collects what is printed, one queue entry per line. */
    private static final class LineSink extends OutputStream {
        private final BlockingQueue<String> lines;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        LineSink(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            } else if (b != '\r') {
                bytes.write(b);
            }
        }
    }
}
