package dev.duplex.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One extension in a {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1): a token name plus its parameters
 * in order. A parameter without a value has value null; quoted values are unquoted.
 *
 * <p>Grammar (RFC 6455 §9.1):
 * <pre>
 *   extension-list = 1#extension
 *   extension      = extension-token *( ";" extension-param )
 *   extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 *
 * <p>A parameter name repeated within one extension keeps its first value in {@link #params()} and is listed
 * in {@link #repeatedParams()}, so that an extension can decline such an offer as RFC 7692 §5 requires rather
 * than fail the whole handshake.
 *
 * <p>Immutable and thread-safe. Equality is by name, parameters (order-insensitive, as {@link Map#equals})
 * and repeated parameter names.
 */
public final class ExtensionOffer {

    private final String name;
    private final Map<String, String> params;
    private final Set<String> repeatedParams;

    /**
     * An offer named {@code name} with a copy of {@code params}.
     *
     * @throws IllegalArgumentException if the name or a parameter name is not a token (RFC 9110 §5.6.2), or a
     *     value holds a character that no quoted-string can carry (a control character other than tab)
     */
    public ExtensionOffer(String name, LinkedHashMap<String, String> params) {
        this(name, params == null ? Map.of() : params, Set.of());
    }

    ExtensionOffer(String name, Map<String, String> params, Set<String> repeatedParams) {
        if (!HeaderTokens.isToken(name)) {
            throw new IllegalArgumentException("extension name '" + HeaderTokens.show(String.valueOf(name))
                    + "' is not a token (RFC 6455 §9.1)");
        }
        params.forEach((key, value) -> validateParam(name, key, value));
        this.name = name;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.repeatedParams = Collections.unmodifiableSet(new LinkedHashSet<>(repeatedParams));
    }

    /** The extension token, e.g. {@code permessage-deflate}. */
    public String name() {
        return name;
    }

    /** Parameters in the order received; unmodifiable; a value is null for a parameter given without one. */
    public Map<String, String> params() {
        return params;
    }

    /** Names of parameters that appeared more than once in this offer (empty normally); unmodifiable. */
    public Set<String> repeatedParams() {
        return repeatedParams;
    }

    /**
     * Parses all values of a {@code Sec-WebSocket-Extensions} header: comma-separated extensions,
     * {@code ;}-separated parameters, optional whitespace around separators, empty list elements ignored
     * (RFC 9110 §5.6.1). A quoted value, once unescaped, must be a token (RFC 6455 §9.1).
     *
     * @return the offers in order; unmodifiable, empty for no header
     * @throws IllegalArgumentException with a message quoting the bad input on a syntax error
     */
    public static List<ExtensionOffer> parse(List<String> headerValues) {
        if (headerValues == null || headerValues.isEmpty()) {
            return List.of();
        }
        List<ExtensionOffer> offers = new ArrayList<>();
        for (String value : headerValues) {
            if (value != null) {
                new ExtensionHeaderParser(value).parseInto(offers);
            }
        }
        return Collections.unmodifiableList(offers);
    }

    /**
     * This offer as header text, e.g. {@code permessage-deflate; client_max_window_bits;
     * server_no_context_takeover}. A value is quoted only when it is not a token.
     */
    public String toHeaderValue() {
        StringBuilder sb = new StringBuilder(name);
        params.forEach((key, value) -> {
            sb.append("; ").append(key);
            if (value != null) {
                sb.append('=').append(HeaderTokens.isToken(value) ? value : HeaderTokens.quote(value));
            }
        });
        return sb.toString();
    }

    /** The offers as one header value, comma-joined in order; empty string for an empty list. */
    public static String toHeaderValue(List<ExtensionOffer> list) {
        StringBuilder sb = new StringBuilder();
        for (ExtensionOffer offer : list) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(offer.toHeaderValue());
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ExtensionOffer)) {
            return false;
        }
        ExtensionOffer other = (ExtensionOffer) o;
        return name.equals(other.name) && params.equals(other.params) && repeatedParams.equals(other.repeatedParams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, params, repeatedParams);
    }

    /** The header text, as {@link #toHeaderValue()}. */
    @Override
    public String toString() {
        return toHeaderValue();
    }

    private static void validateParam(String extension, String key, String value) {
        if (!HeaderTokens.isToken(key)) {
            throw new IllegalArgumentException("parameter name '" + HeaderTokens.show(String.valueOf(key))
                    + "' of extension '" + extension + "' is not a token (RFC 6455 §9.1)");
        }
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!HeaderTokens.isQuotableChar(value.charAt(i))) {
                throw new IllegalArgumentException("value '" + HeaderTokens.show(value) + "' of parameter '" + key
                        + "' of extension '" + extension + "' holds a character no header can carry"
                        + " (RFC 9110 §5.6.4)");
            }
        }
    }
}
