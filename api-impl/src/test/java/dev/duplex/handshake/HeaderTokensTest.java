package dev.duplex.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderTokensTest {

    @Test
    void splitsOneValueOnCommasAndTrimsOws() { // RFC 9110 §5.6.1, §5.6.3
        assertEquals(List.of("a", "b", "c"), HeaderTokens.split(List.of(" a ,\tb,c\t")));
    }

    @Test
    void splitsAcrossSeveralValuesInOrder() {
        assertEquals(List.of("a", "b", "c"), HeaderTokens.split(List.of("a, b", "c")));
    }

    @Test
    void dropsEmptyElements() { // RFC 9110 §5.6.1: ", , a ,, b," has two elements
        assertEquals(List.of("a", "b"), HeaderTokens.split(List.of(", , a ,, b,", "", "  ")));
    }

    @Test
    void commaInsideQuotedStringDoesNotSplit() { // RFC 9110 §5.6.4
        assertEquals(List.of("x; p=\"a,b\"", "y"), HeaderTokens.split(List.of("x; p=\"a,b\", y")));
    }

    @Test
    void escapedQuoteInsideQuotedStringDoesNotEndIt() {
        assertEquals(List.of("\"a\\\",b\"", "c"), HeaderTokens.split(List.of("\"a\\\",b\", c")));
    }

    @Test
    void nullOrEmptyInputReadsAsNoElements() {
        assertEquals(List.of(), HeaderTokens.split(null));
        assertEquals(List.of(), HeaderTokens.split(List.of()));
        assertEquals(List.of("a"), HeaderTokens.split(Arrays.asList(null, "a")));
    }

    @Test
    void containsIgnoresCaseAndFindsTokenInList() {
        assertTrue(HeaderTokens.contains(List.of("keep-alive, Upgrade"), "upgrade"));
        assertTrue(HeaderTokens.contains(List.of("keep-alive", "UPGRADE"), "Upgrade"));
        assertFalse(HeaderTokens.contains(List.of("keep-alive, upgrades"), "upgrade"));
        assertFalse(HeaderTokens.contains(List.of(), "upgrade"));
    }

    @Test
    void tokenCharactersFollowRfc9110() { // RFC 9110 §5.6.2
        assertTrue(HeaderTokens.isToken("permessage-deflate"));
        assertTrue(HeaderTokens.isToken("!#$%&'*+-.^_`|~09azAZ"));
        assertFalse(HeaderTokens.isToken(""));
        assertFalse(HeaderTokens.isToken(null));
        for (char c : " \t\"(),/:;<=>?@[\\]{}\u007f\u00e9".toCharArray()) {
            assertFalse(HeaderTokens.isToken("a" + c), "char " + (int) c);
        }
    }

    @Test
    void quoteEscapesQuoteAndBackslash() {
        assertEquals("\"a \\\"b\\\\\"", HeaderTokens.quote("a \"b\\"));
    }

    @Test
    void lookupOfMapMatchesNamesIgnoringCaseAndMergesDuplicates() {
        HeaderLookup lookup = HeaderLookup.of(Map.of("host", List.of("a"), "HOST", List.of("b")));
        assertEquals(2, lookup.values("Host").size());
        assertEquals(List.of(), lookup.values("Upgrade"));
    }
}
