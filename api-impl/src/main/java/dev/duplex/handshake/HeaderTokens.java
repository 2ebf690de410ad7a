package dev.duplex.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parsing of comma-separated header lists (RFC 9110 §5.6.1), tokens (§5.6.2) and quoted-strings (§5.6.4).
 *
 * <p>Stateless: every method is static and pure, safe from any thread, and never blocks.
 */
public final class HeaderTokens {

    /** Longest stretch of a received header value quoted back in an error message. */
    private static final int MAX_SHOWN = 120;

    private HeaderTokens() {
    }

    /**
     * Splits comma-separated list values across all given header values: trims optional whitespace (OWS,
     * space and tab), drops empty elements and keeps a comma inside a quoted-string from splitting
     * (RFC 9110 §5.6.1, §5.6.4). Elements keep any quotes they contain. A null list or null value reads as
     * empty.
     *
     * @return an unmodifiable list, possibly empty
     */
    public static List<String> split(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<String> elements = new ArrayList<>();
        for (String value : values) {
            if (value != null) {
                splitOne(value, elements);
            }
        }
        return Collections.unmodifiableList(elements);
    }

    /**
     * True if any list element of {@code values} equals {@code token}, ignoring case; for example
     * {@code Connection: keep-alive, Upgrade} contains {@code upgrade} (RFC 9110 §7.6.1: connection options
     * are case-insensitive).
     */
    public static boolean contains(List<String> values, String token) {
        for (String element : split(values)) {
            if (element.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code s} is a non-empty token: one or more tchar, RFC 9110 §5.6.2. */
    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * True for a tchar, RFC 9110 §5.6.2: {@code "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
     * "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA}.
     */
    public static boolean isTokenChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /**
     * Wraps {@code value} in a quoted-string, escaping {@code "} and {@code \} with a backslash
     * (RFC 9110 §5.6.4).
     */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** True for a character allowed inside a quoted-string once escaped: HTAB, SP, VCHAR, obs-text. */
    static boolean isQuotableChar(char c) {
        return c == '\t' || (c >= 0x20 && c != 0x7F && c <= 0xFF);
    }

    /** True for OWS characters: space and horizontal tab, RFC 9110 §5.6.3. */
    static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * A received header value made safe for an error message: control characters escaped, long values cut.
     */
    public static String show(String value) {
        StringBuilder sb = new StringBuilder();
        int end = Math.min(value.length(), MAX_SHOWN);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\x%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (end < value.length()) {
            sb.append("...(").append(value.length()).append(" chars)");
        }
        return sb.toString();
    }

    /** All values of one header, joined as received for an error message. */
    static String show(List<String> values) {
        return show(String.join(", ", values));
    }

    private static void splitOne(String value, List<String> out) {
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++; // quoted-pair: the next character is literal, RFC 9110 §5.6.4
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                addTrimmed(value, start, i, out);
                start = i + 1;
            }
        }
        addTrimmed(value, start, value.length(), out);
    }

    private static void addTrimmed(String value, int from, int to, List<String> out) {
        while (from < to && isOws(value.charAt(from))) {
            from++;
        }
        while (to > from && isOws(value.charAt(to - 1))) {
            to--;
        }
        if (to > from) { // RFC 9110 §5.6.1: recipients ignore empty list elements
            out.add(value.substring(from, to));
        }
    }
}
