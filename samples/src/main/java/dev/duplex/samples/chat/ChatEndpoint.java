package dev.duplex.samples.chat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The classic WebSocket chat room. A client sends {@code nick <name>} to join (or to change its name) and
 * {@code PRIVMSG <text>} to speak; every open session of the room receives a JSON {@link ChatEvent}:
 * {@code {"type":"nick","message":"alice joined"}}, {@code {"type":"message","message":"alice: hi"}}, and
 * {@code {"type":"leave","message":"alice left"}} when a member's connection closes.
 *
 * <p>Bad input is answered politely on the sender's session only, with {@code {"type":"error",...}}: an unknown
 * command, a missing nickname, a line longer than {@value #MAX_LINE_LENGTH} characters. A message bigger than
 * {@value #MAX_MESSAGE_SIZE} bytes is not even read: Duplex closes that session with 1009 and a reason naming the
 * limit.
 *
 * <p>Broadcasts use the asynchronous remote endpoint: each send is queued on its session and this method returns at
 * once, so one slow browser cannot stall the room. (Duplex bounds each session's queue; a browser that stops reading
 * loses messages instead of filling the server's memory.) Duplex creates one instance per connection and calls it
 * one event at a time, so the {@code nick} field needs no locking.
 */
@ServerEndpoint(value = "/chat", encoders = ChatEventEncoder.class)
public class ChatEndpoint {

    /** The longest line accepted, in characters; a longer one is refused with an error message. */
    public static final int MAX_LINE_LENGTH = 1000;
    /** The longest nickname, in characters. */
    public static final int MAX_NICK_LENGTH = 32;
    /** The largest WebSocket message read at all, in bytes; a bigger one closes the session with 1009. */
    public static final int MAX_MESSAGE_SIZE = 16 * 1024;

    private static final Pattern NICK = Pattern.compile("[\\p{L}\\p{N}_-]{1," + MAX_NICK_LENGTH + "}");
    private static final System.Logger LOG = System.getLogger(ChatEndpoint.class.getName());

    private String nick;

    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public void onMessage(String line, Session session) {
        if (line.length() > MAX_LINE_LENGTH) {
            reply(session, "Message refused: it has " + line.length() + " characters, the limit is "
                    + MAX_LINE_LENGTH + ".");
            return;
        }
        int space = line.indexOf(' ');
        String command = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        switch (command.toLowerCase(Locale.ROOT)) {
            case "nick" -> nick(argument, session);
            case "privmsg" -> say(argument, session);
            default -> reply(session, "Unknown command '" + command + "': send 'nick <name>' to join, then "
                    + "'PRIVMSG <text>' to speak.");
        }
    }

    @OnClose
    public void onClose(Session session, CloseReason reason) {
        if (nick != null) {
            broadcast(session, ChatEvent.leave(nick));
        }
    }

    @OnError
    public void onError(Session session, Throwable error) {
        LOG.log(Level.DEBUG, () -> "chat session " + session.getId() + ": " + error);
    }

    private void nick(String name, Session session) {
        if (!NICK.matcher(name).matches()) {
            reply(session, "A nickname has 1 to " + MAX_NICK_LENGTH + " letters, digits, '_' or '-', for example "
                    + "'nick alice'.");
            return;
        }
        String text = nick == null ? name + " joined" : nick + " is now known as " + name;
        nick = name;
        broadcast(session, ChatEvent.nick(text));
    }

    private void say(String text, Session session) {
        if (nick == null) {
            reply(session, "Pick a nickname first: 'nick <name>'.");
        } else if (!text.isEmpty()) {
            broadcast(session, ChatEvent.message(nick, text));
        }
    }

    /** Queues the event on every open session of the room, the sender's included. */
    private static void broadcast(Session from, ChatEvent event) {
        for (Session member : from.getOpenSessions()) {
            send(member, event);
        }
    }

    private static void reply(Session session, String error) {
        send(session, ChatEvent.error(error));
    }

    private static void send(Session session, ChatEvent event) {
        if (!session.isOpen()) {
            return;
        }
        session.getAsyncRemote().sendObject(event, result -> {
            if (!result.isOK()) { // closed meanwhile, or too slow to read: the browser misses this one
                LOG.log(Level.DEBUG, () -> "chat session " + session.getId() + " missed a message: "
                        + result.getException());
            }
        });
    }
}
