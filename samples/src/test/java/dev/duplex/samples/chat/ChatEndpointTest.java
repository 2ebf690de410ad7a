package dev.duplex.samples.chat;

import dev.duplex.samples.SamplesServer;
import dev.duplex.samples.JdkSocket;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat protocol over the JDK's WebSocket client, against the samples server. */
class ChatEndpointTest {

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
    void joinSpeakAndLeaveAreBroadcastToEveryMember() throws Exception {
        try (JdkSocket alice = JdkSocket.connect(server.wsUrl("/chat"));
                JdkSocket bob = JdkSocket.connect(server.wsUrl("/chat"))) {
            // A round trip on bob's session first: the 101 can reach the client before the server has opened the
            // session, and a message from bob is handled only after his onOpen, so he is surely in the room.
            bob.send("hello?");
            assertEquals("error", bob.nextJson().getString("type"));
            alice.send("nick alice");
            assertEvent("nick", "alice joined", alice.nextJson());
            assertEvent("nick", "alice joined", bob.nextJson());

            bob.send("nick bob");
            assertEvent("nick", "bob joined", alice.nextJson());
            assertEvent("nick", "bob joined", bob.nextJson());

            alice.send("PRIVMSG hello, bob");
            assertEvent("message", "alice: hello, bob", alice.nextJson());
            assertEvent("message", "alice: hello, bob", bob.nextJson());

            bob.send("PRIVMSG hi \"alice\" \u263a");
            assertEvent("message", "bob: hi \"alice\" \u263a", alice.nextJson());
            assertEvent("message", "bob: hi \"alice\" \u263a", bob.nextJson());

            assertEquals(1000, bob.closeNormally().code());
            assertEvent("leave", "bob left", alice.nextJson());
        }
    }

    @Test
    void anUnknownCommandIsAnsweredToTheSenderOnly() throws Exception {
        try (JdkSocket carol = JdkSocket.connect(server.wsUrl("/chat"));
                JdkSocket dave = JdkSocket.connect(server.wsUrl("/chat"))) {
            dave.send("hello?"); // a round trip: dave's session is open before carol's broadcast
            assertEquals("error", dave.nextJson().getString("type"));
            carol.send("nick carol");
            assertEvent("nick", "carol joined", carol.nextJson());
            assertEvent("nick", "carol joined", dave.nextJson());

            carol.send("JOIN #java");
            JsonObject error = carol.nextJson();
            assertEquals("error", error.getString("type"));
            assertTrue(error.getString("message").startsWith("Unknown command 'JOIN'"), error.toString());

            // Had the error gone to dave too, it would arrive before this broadcast.
            carol.send("PRIVMSG still here");
            assertEvent("message", "carol: still here", carol.nextJson());
            assertEvent("message", "carol: still here", dave.nextJson());
        }
    }

    @Test
    void speakingBeforeJoiningOrWithABadNicknameIsRefused() throws Exception {
        try (JdkSocket eve = JdkSocket.connect(server.wsUrl("/chat"))) {
            eve.send("PRIVMSG anyone?");
            assertEvent("error", "Pick a nickname first: 'nick <name>'.", eve.nextJson());

            eve.send("nick two words");
            JsonObject error = eve.nextJson();
            assertEquals("error", error.getString("type"));
            assertTrue(error.getString("message").startsWith("A nickname has 1 to 32 letters"), error.toString());

            eve.send("nick eve");
            assertEvent("nick", "eve joined", eve.nextJson());
            eve.send("nick eve2");
            assertEvent("nick", "eve is now known as eve2", eve.nextJson());
        }
    }

    @Test
    void anOverLongLineIsRefusedWithItsLengthAndTheLimit() throws Exception {
        try (JdkSocket frank = JdkSocket.connect(server.wsUrl("/chat"))) {
            frank.send("nick frank");
            assertEvent("nick", "frank joined", frank.nextJson());

            frank.send("PRIVMSG " + "x".repeat(ChatEndpoint.MAX_LINE_LENGTH));
            assertEvent("error", "Message refused: it has 1008 characters, the limit is 1000.", frank.nextJson());

            frank.send("PRIVMSG short again"); // the session stays usable
            assertEvent("message", "frank: short again", frank.nextJson());
        }
    }

    @Test
    void aMessageOverTheSizeLimitClosesWith1009AndAReasonNamingTheLimit() throws Exception {
        try (JdkSocket grace = JdkSocket.connect(server.wsUrl("/chat"))) {
            grace.send("PRIVMSG " + "x".repeat(ChatEndpoint.MAX_MESSAGE_SIZE));

            JdkSocket.Closed closed = grace.nextClose();
            assertEquals(1009, closed.code());
            assertTrue(closed.reason().contains(String.valueOf(ChatEndpoint.MAX_MESSAGE_SIZE)), closed.reason());
        }
    }

    private static void assertEvent(String type, String message, JsonObject event) {
        assertEquals(type, event.getString("type"), event.toString());
        assertEquals(message, event.getString("message"), event.toString());
    }
}
