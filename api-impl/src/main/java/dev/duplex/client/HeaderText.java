package dev.duplex.client;

import dev.duplex.handshake.HeaderTokens;

/**
 * Header text on the client's side of the HTTP exchanges: what may be written into a request, and how received
 * text is quoted back in an error message. Stateless; any thread.
 */
final class HeaderText {

    private HeaderText() {
    }

    /**
     * Why {@code name: value} cannot be written into a request (RFC 9110 §5.1, §5.5: a token name; a value without
     * CR, LF or NUL, so that nobody can smuggle a header or a request through it), or null when it can.
     */
    static String problem(String name, String value) {
        if (name == null || name.isEmpty()) {
            return "a header name is empty";
        }
        if (!HeaderTokens.isToken(name)) {
            return "header name '" + HeaderTokens.show(name) + "' is not a token (RFC 9110 §5.6.2)";
        }
        if (value == null) {
            return "header '" + name + "' has a null value";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
                return "the value of header '" + name + "' holds a character that cannot be sent ('"
                        + HeaderTokens.show(value) + "'; no CR, LF, NUL or non-Latin-1 characters, RFC 9110 §5.5)";
            }
        }
        return null;
    }
}
