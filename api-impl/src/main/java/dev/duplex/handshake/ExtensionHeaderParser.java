package dev.duplex.handshake;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A one-shot cursor over one {@code Sec-WebSocket-Extensions} header value (RFC 6455 §9.1). Confined to the
 * thread that created it; {@link ExtensionOffer#parse(List)} makes a new one per value.
 */
final class ExtensionHeaderParser {

    private final String text;
    private int pos;

    ExtensionHeaderParser(String text) {
        this.text = text;
    }

    /** Appends every extension of the value to {@code out}; throws {@link IllegalArgumentException} on bad syntax. */
    void parseInto(List<ExtensionOffer> out) {
        while (true) {
            skipOws();
            if (atEnd()) {
                return;
            }
            if (peek() == ',') { // empty list element, RFC 9110 §5.6.1
                pos++;
                continue;
            }
            out.add(extension());
            skipOws();
            if (atEnd()) {
                return;
            }
            if (peek() != ',') {
                throw error("expected ',' or ';' after extension");
            }
            pos++;
        }
    }

    private ExtensionOffer extension() {
        String name = token("an extension name");
        Map<String, String> params = new LinkedHashMap<>();
        Set<String> repeated = new LinkedHashSet<>();
        skipOws();
        while (!atEnd() && peek() == ';') {
            pos++;
            skipOws();
            String key = token("a parameter name");
            skipOws();
            String value = null;
            if (!atEnd() && peek() == '=') {
                pos++;
                skipOws();
                value = value(key);
                skipOws();
            }
            if (params.containsKey(key)) {
                repeated.add(key); // RFC 7692 §5: the extension declines such an offer
            } else {
                params.put(key, value);
            }
        }
        return new ExtensionOffer(name, params, repeated);
    }

    /** token / quoted-string; a quoted value must unescape to a token, RFC 6455 §9.1. */
    private String value(String key) {
        if (atEnd() || peek() != '"') {
            return token("a value for parameter '" + key + "'");
        }
        int start = pos;
        String unquoted = quotedString();
        if (!HeaderTokens.isToken(unquoted)) {
            pos = start;
            throw error("the quoted value of parameter '" + key + "' is not a token once unquoted");
        }
        return unquoted;
    }

    /** quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE, RFC 9110 §5.6.4. */
    private String quotedString() {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            if (!HeaderTokens.isQuotableChar(c)) {
                pos--;
                throw error("control character in a quoted value");
            }
            sb.append(c);
        }
        pos = start;
        throw error("unterminated quoted value");
    }

    private String token(String what) {
        int start = pos;
        while (!atEnd() && HeaderTokens.isTokenChar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw error("expected " + what);
        }
        return text.substring(start, pos);
    }

    private IllegalArgumentException error(String problem) {
        String where = atEnd() ? "at the end" : "at position " + pos + " ('" + HeaderTokens.show(String.valueOf(peek())) + "')";
        return new IllegalArgumentException("Sec-WebSocket-Extensions '" + HeaderTokens.show(text)
                + "' is malformed: " + problem + " " + where + " (RFC 6455 §9.1)");
    }

    private void skipOws() {
        while (!atEnd() && HeaderTokens.isOws(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }
}
