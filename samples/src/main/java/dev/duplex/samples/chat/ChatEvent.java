package dev.duplex.samples.chat;

/**
 * One message from the chat server to its browsers, sent as JSON by {@link ChatEventEncoder}:
 * {@code {"type":"message","message":"alice: hello"}}.
 *
 * @param type {@code nick} (someone joined or changed name), {@code message}, {@code leave}, or {@code error}
 *        (sent to one session only)
 * @param message the text to show
 */
public record ChatEvent(String type, String message) {

    static ChatEvent nick(String text) {
        return new ChatEvent("nick", text);
    }

    static ChatEvent message(String nick, String text) {
        return new ChatEvent("message", nick + ": " + text);
    }

    static ChatEvent leave(String nick) {
        return new ChatEvent("leave", nick + " left");
    }

    static ChatEvent error(String text) {
        return new ChatEvent("error", text);
    }
}
