package dev.duplex.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 6455 §9.1 extension header syntax. */
class ExtensionOfferTest {

    private static LinkedHashMap<String, String> params(String... keyValues) {
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static void assertMalformed(String header, String... messageParts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExtensionOffer.parse(List.of(header)), header);
        assertTrue(e.getMessage().contains("'" + header + "'"), e.getMessage());
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void parsesANameAlone() {
        assertEquals(List.of(new ExtensionOffer("permessage-deflate", params())),
                ExtensionOffer.parse(List.of("permessage-deflate")));
    }

    @Test
    void parametersWithoutValueHaveNullValue() {
        ExtensionOffer offer = ExtensionOffer.parse(
                List.of("permessage-deflate; client_max_window_bits; server_no_context_takeover")).get(0);
        assertEquals(List.of("client_max_window_bits", "server_no_context_takeover"),
                List.copyOf(offer.params().keySet()));
        assertNull(offer.params().get("client_max_window_bits"));
        assertTrue(offer.params().containsKey("server_no_context_takeover"));
    }

    @Test
    void parametersWithTokenValuesKeepOrder() {
        ExtensionOffer offer = ExtensionOffer.parse(List.of("x;b=2;a=1;c")).get(0);
        assertEquals("x", offer.name());
        assertEquals(List.of("b", "a", "c"), List.copyOf(offer.params().keySet()));
        assertEquals("2", offer.params().get("b"));
    }

    @Test
    void quotedValuesAreUnquoted() {
        ExtensionOffer offer = ExtensionOffer.parse(List.of("permessage-deflate; client_max_window_bits=\"10\"")).get(0);
        assertEquals("10", offer.params().get("client_max_window_bits"));
        assertEquals("ab", ExtensionOffer.parse(List.of("x; p=\"\\a\\b\"")).get(0).params().get("p"));
    }

    @Test
    void whitespaceAroundSeparatorsIsAllowed() {
        assertEquals(List.of(new ExtensionOffer("x", params("p", "1", "q", null))),
                ExtensionOffer.parse(List.of(" x ;\tp = 1 ; q ")));
    }

    @Test
    void severalExtensionsAcrossValuesInOrder() {
        List<ExtensionOffer> offers = ExtensionOffer.parse(List.of(
                "permessage-deflate; client_max_window_bits, permessage-deflate", "x-foo;bar=\"baz\""));
        assertEquals(List.of(
                new ExtensionOffer("permessage-deflate", params("client_max_window_bits", null)),
                new ExtensionOffer("permessage-deflate", params()),
                new ExtensionOffer("x-foo", params("bar", "baz"))), offers);
    }

    @Test
    void emptyListElementsAreIgnored() { // RFC 9110 §5.6.1
        assertEquals(2, ExtensionOffer.parse(List.of(", a, , b,", "")).size());
        assertEquals(List.of(), ExtensionOffer.parse(List.of()));
        assertEquals(List.of(), ExtensionOffer.parse(null));
    }

    @Test
    void repeatedParameterKeepsFirstValueAndIsReported() { // RFC 7692 §5 declines such offers
        ExtensionOffer offer = ExtensionOffer.parse(List.of("x; p=1; p=2")).get(0);
        assertEquals("1", offer.params().get("p"));
        assertEquals(Set.of("p"), offer.repeatedParams());
        assertNotEquals(new ExtensionOffer("x", params("p", "1")), offer);
    }

    @Test
    void emptyNameIsMalformed() {
        assertMalformed("; p=1", "extension name");
        assertMalformed("x, ;p", "extension name");
    }

    @Test
    void badTokenIsMalformed() {
        assertMalformed("per/message", "position 3");
        assertMalformed("x; a b", "position 5");
        assertMalformed("x; p=a/b");
        assertMalformed("x; p=");
        assertMalformed("x; =1", "parameter name");
    }

    @Test
    void emptyParameterIsMalformed() {
        assertMalformed("x;;", "parameter name");
        assertMalformed("x;", "parameter name", "at the end");
    }

    @Test
    void unterminatedQuoteIsMalformed() {
        assertMalformed("x; p=\"10", "unterminated");
        assertMalformed("x; p=\"10\\\"", "unterminated");
    }

    @Test
    void quotedValueThatIsNoTokenIsMalformed() { // RFC 6455 §9.1
        assertMalformed("x; p=\"a b\"", "not a token");
        assertMalformed("x; p=\"\"", "not a token");
    }

    @Test
    void controlCharacterIsMalformedAndShownEscaped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExtensionOffer.parse(List.of("x; p=\"a\u0001\"")));
        assertTrue(e.getMessage().contains("'x; p=\"a\\x01\"'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExtensionOffer.parse(List.of("x\u0000")));
    }

    @Test
    void serialisesNameAndParams() {
        assertEquals("permessage-deflate; client_max_window_bits; server_no_context_takeover",
                new ExtensionOffer("permessage-deflate",
                        params("client_max_window_bits", null, "server_no_context_takeover", null)).toHeaderValue());
        assertEquals("x; p=10", new ExtensionOffer("x", params("p", "10")).toHeaderValue());
    }

    @Test
    void quotesOnlyNonTokenValues() {
        assertEquals("x; p=\"a b\"; q=\"\\\"\"; r=\"\"", new ExtensionOffer("x", params("p", "a b", "q", "\"", "r", ""))
                .toHeaderValue());
    }

    @Test
    void serialisesAListCommaJoined() {
        List<ExtensionOffer> offers = List.of(new ExtensionOffer("a", params("p", null)), new ExtensionOffer("b", null));
        assertEquals("a; p, b", ExtensionOffer.toHeaderValue(offers));
        assertEquals("", ExtensionOffer.toHeaderValue(List.of()));
        assertEquals(offers, ExtensionOffer.parse(List.of(ExtensionOffer.toHeaderValue(offers))));
    }

    @Test
    void constructorCopiesAndParamsAreUnmodifiable() {
        LinkedHashMap<String, String> map = params("p", "1");
        ExtensionOffer offer = new ExtensionOffer("x", map);
        map.put("q", "2");
        assertEquals(1, offer.params().size());
        assertThrows(UnsupportedOperationException.class, () -> offer.params().put("z", "3"));
    }

    @Test
    void constructorRejectsNonTokens() {
        assertThrows(IllegalArgumentException.class, () -> new ExtensionOffer("a b", params()));
        assertThrows(IllegalArgumentException.class, () -> new ExtensionOffer(null, params()));
        assertThrows(IllegalArgumentException.class, () -> new ExtensionOffer("x", params("a=b", "1")));
        assertThrows(IllegalArgumentException.class, () -> new ExtensionOffer("x", params("p", "a\nb")));
    }

    @Test
    void equalsAndHashCodeByNameAndParams() {
        ExtensionOffer a = new ExtensionOffer("x", params("p", "1", "q", null));
        ExtensionOffer b = ExtensionOffer.parse(List.of("x; p=\"1\"; q")).get(0);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new ExtensionOffer("y", params("p", "1", "q", null)));
        assertNotEquals(a, new ExtensionOffer("x", params("p", "2", "q", null)));
    }
}
