package dev.duplex.samples.client;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A command-line chat client on the standard client API ({@link ContainerProvider}, here Duplex's client):
 * <pre>
 * java -cp samples/target/duplex-samples.jar dev.duplex.samples.client.ChatClient [ws://localhost:8080/chat]
 * </pre>
 * Each line typed is sent as one text message ({@code nick alice}, then {@code PRIVMSG hello}); each message
 * received is printed on a line of its own. End of input (Ctrl-D) closes the session normally; the program prints
 * the close code and exits, with status 0 for a normal close (1000, or 1001 when the server stops), 1 otherwise.
 */
@ClientEndpoint
public class ChatClient {

    private final PrintStream out;
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

    public ChatClient(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args.length > 0 ? args[0] : "ws://localhost:8080/chat");
        int code = run(uri, System.in, System.out).getCloseCode().getCode();
        System.exit(code == 1000 || code == 1001 ? 0 : 1);
    }

    /**
     * Connects to {@code uri}, sends each line of {@code in} and prints each message received to {@code out};
     * at the end of {@code in} closes the session. Returns when the session has closed, whichever side closed it.
     */
    public static CloseReason run(URI uri, InputStream in, PrintStream out)
            throws DeploymentException, IOException {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        try {
            ChatClient client = new ChatClient(out);
            Session session = container.connectToServer(client, uri);
            out.println("Connected to " + uri + ": type 'nick <name>', then 'PRIVMSG <text>'; Ctrl-D to quit.");
            Thread input = new Thread(() -> sendLines(in, session), "chat-client-input");
            input.setDaemon(true); // blocked on the terminal when the server closes first: must not keep us alive
            input.start();
            CloseReason reason = client.closed.join();
            out.println("Closed: " + reason.getCloseCode().getCode() + " " + reason.getCloseCode()
                    + (reason.getReasonPhrase().isEmpty() ? "" : " (" + reason.getReasonPhrase() + ")"));
            return reason;
        } finally {
            if (container instanceof AutoCloseable closeable) { // Duplex's container stops its threads
                try {
                    closeable.close();
                } catch (Exception e) {
                    out.println("Could not stop the client: " + e);
                }
            }
        }
    }

    @OnMessage
    public void onMessage(String message) {
        out.println(message);
    }

    @OnClose
    public void onClose(CloseReason reason) {
        closed.complete(reason);
    }

    @OnError
    public void onError(Throwable error) {
        out.println("Error: " + error);
    }

    /** Runs on its own thread: one text message per line, then a normal close at the end of the input. */
    private static void sendLines(InputStream in, Session session) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && session.isOpen(); line = lines.readLine()) {
                session.getBasicRemote().sendText(line);
            }
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
        } catch (IOException e) {
            // The session closed under us: onClose reports it.
        }
    }
}
