package dev.duplex.handshake;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 §4.2.1, one test per rule, good and bad. */
class UpgradeRequestCheckTest {

    private static UpgradeRequestCheck get(TestHeaders headers) {
        return UpgradeRequestCheck.check("GET", headers.lookup());
    }

    private static void assertInvalid(UpgradeRequestCheck check, int status, String... reasonParts) {
        assertTrue(check.isUpgradeAttempt(), "an upgrade attempt");
        assertFalse(check.isValid(), "not valid");
        assertEquals(status, check.failureStatus(), check.failureReason());
        for (String part : reasonParts) {
            assertTrue(check.failureReason().contains(part), () -> "'" + check.failureReason() + "' names " + part);
        }
        assertNull(check.key());
        assertEquals(List.of(), check.subprotocols());
        assertEquals(List.of(), check.extensions());
    }

    @Test
    void validRequestIsValid() {
        UpgradeRequestCheck check = get(TestHeaders.validRequest());
        assertAll(
                () -> assertTrue(check.isUpgradeAttempt()),
                () -> assertTrue(check.isValid()),
                () -> assertEquals(0, check.failureStatus()),
                () -> assertNull(check.failureReason()),
                () -> assertEquals("dGhlIHNhbXBsZSBub25jZQ==", check.key()),
                () -> assertEquals(List.of(), check.subprotocols()),
                () -> assertEquals(List.of(), check.extensions()));
    }

    @Test
    void getIsAnAttemptPostIsNot() { // RFC 6455 §4.2.1 item 1
        assertTrue(get(TestHeaders.validRequest()).isUpgradeAttempt());
        UpgradeRequestCheck post = UpgradeRequestCheck.check("POST", TestHeaders.validRequest().lookup());
        assertFalse(post.isUpgradeAttempt());
        assertFalse(post.isValid());
        assertEquals(400, post.failureStatus());
        assertTrue(post.failureReason().contains("POST"), post.failureReason());
    }

    @Test
    void methodIsCaseSensitive() { // RFC 9110 §9.1
        assertFalse(UpgradeRequestCheck.check("get", TestHeaders.validRequest().lookup()).isUpgradeAttempt());
    }

    @Test
    void upgradeTokenIsCaseInsensitive() { // RFC 6455 §4.2.1 item 3
        assertTrue(get(TestHeaders.validRequest().set("Upgrade", "WebSocket")).isValid());
        assertTrue(get(TestHeaders.validRequest().set("Upgrade", "WEBSOCKET")).isValid());
    }

    @Test
    void upgradeTokenIsFoundInList() {
        assertTrue(get(TestHeaders.validRequest().set("Upgrade", "websocket, foo")).isValid());
        assertTrue(get(TestHeaders.validRequest().set("Upgrade", "h2c", "websocket")).isValid());
    }

    @Test
    void otherOrMissingUpgradeIsNoAttempt() {
        UpgradeRequestCheck h2c = get(TestHeaders.validRequest().set("Upgrade", "h2c"));
        assertFalse(h2c.isUpgradeAttempt());
        assertTrue(h2c.failureReason().contains("'h2c'"), h2c.failureReason());
        assertFalse(get(TestHeaders.validRequest().set("Upgrade", "websocket2")).isUpgradeAttempt());
        assertFalse(get(TestHeaders.validRequest().remove("Upgrade")).isUpgradeAttempt());
    }

    @Test
    void connectionWithUpgradeInListIsValid() { // RFC 6455 §4.2.1 item 4
        assertTrue(get(TestHeaders.validRequest().set("Connection", "keep-alive, Upgrade")).isValid());
        assertTrue(get(TestHeaders.validRequest().set("Connection", "keep-alive", "upgrade")).isValid());
    }

    @Test
    void connectionTokenIsCaseInsensitive() {
        assertTrue(get(TestHeaders.validRequest().set("Connection", "UPGRADE")).isValid());
    }

    @Test
    void missingConnectionIs400() {
        assertInvalid(get(TestHeaders.validRequest().remove("Connection")), 400, "Connection", "missing");
    }

    @Test
    void connectionWithoutUpgradeIs400() {
        assertInvalid(get(TestHeaders.validRequest().set("Connection", "keep-alive")), 400,
                "Connection", "'keep-alive'");
    }

    @Test
    void version8Is426() { // RFC 6455 §4.2.1 item 6, §4.4
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Version", "8")), 426,
                "Sec-WebSocket-Version", "'8'", "13");
    }

    @Test
    void missingVersionIs426() {
        assertInvalid(get(TestHeaders.validRequest().remove("Sec-WebSocket-Version")), 426,
                "Sec-WebSocket-Version", "missing");
    }

    @Test
    void versionListOrDuplicateIs426() {
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Version", "13, 8")), 426);
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Version", "13", "13")), 426);
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Version", "013")), 426);
    }

    @Test
    void versionWinsOverOtherProblems() {
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Version", "8").remove("Host")), 426);
    }

    @Test
    void keyOf15BytesIs400() { // RFC 6455 §4.2.1 item 5
        String key = Base64.getEncoder().encodeToString(new byte[15]);
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Key", key)), 400,
                "Sec-WebSocket-Key", "'" + key + "'", "15 bytes");
    }

    @Test
    void keyOf17BytesIs400() {
        String key = Base64.getEncoder().encodeToString(new byte[17]);
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Key", key)), 400,
                "Sec-WebSocket-Key", "'" + key + "'", "17 bytes");
    }

    @Test
    void nonBase64KeyIs400() {
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Key", "not base64!!")), 400,
                "Sec-WebSocket-Key", "'not base64!!'", "base64");
    }

    @Test
    void unpaddedKeyIs400() {
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ")), 400,
                "Sec-WebSocket-Key");
    }

    @Test
    void twoKeysIs400() {
        assertInvalid(get(TestHeaders.validRequest()
                .set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", AcceptKey.newKey())), 400,
                "Sec-WebSocket-Key", "2 times");
    }

    @Test
    void twoKeysInOneValueIs400() {
        assertInvalid(get(TestHeaders.validRequest()
                .set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==, dGhlIHNhbXBsZSBub25jZQ==")), 400,
                "Sec-WebSocket-Key");
    }

    @Test
    void missingKeyIs400() {
        assertInvalid(get(TestHeaders.validRequest().remove("Sec-WebSocket-Key")), 400,
                "Sec-WebSocket-Key", "missing");
    }

    @Test
    void keyIsTrimmed() {
        assertEquals("dGhlIHNhbXBsZSBub25jZQ==",
                get(TestHeaders.validRequest().set("Sec-WebSocket-Key", " dGhlIHNhbXBsZSBub25jZQ== ")).key());
    }

    @Test
    void missingHostIs400() { // RFC 6455 §4.2.1 item 2
        assertInvalid(get(TestHeaders.validRequest().remove("Host")), 400, "Host", "missing");
    }

    @Test
    void twoHostsIs400() { // RFC 9112 §3.2
        assertInvalid(get(TestHeaders.validRequest().set("Host", "a", "b")), 400, "Host");
    }

    @Test
    void subprotocolsAreSplitAndTrimmedInOfferOrder() { // RFC 6455 §4.2.1 item 8
        UpgradeRequestCheck check = get(TestHeaders.validRequest()
                .set("Sec-WebSocket-Protocol", " chat , superchat", "v2.stomp"));
        assertTrue(check.isValid(), check.failureReason());
        assertEquals(List.of("chat", "superchat", "v2.stomp"), check.subprotocols());
    }

    @Test
    void subprotocolThatIsNoTokenIs400() { // RFC 6455 §4.1 item 10
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Protocol", "chat, a/b")), 400,
                "Sec-WebSocket-Protocol", "'a/b'");
    }

    @Test
    void duplicateSubprotocolIs400() {
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Protocol", "chat, chat")), 400,
                "Sec-WebSocket-Protocol", "'chat'");
    }

    @Test
    void extensionsAreParsedInOrder() { // RFC 6455 §4.2.1 item 9
        UpgradeRequestCheck check = get(TestHeaders.validRequest().set("Sec-WebSocket-Extensions",
                "permessage-deflate; client_max_window_bits", "x-foo"));
        assertTrue(check.isValid(), check.failureReason());
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        params.put("client_max_window_bits", null);
        assertEquals(List.of(new ExtensionOffer("permessage-deflate", params),
                new ExtensionOffer("x-foo", new LinkedHashMap<>())), check.extensions());
    }

    @Test
    void malformedExtensionsIs400() {
        assertInvalid(get(TestHeaders.validRequest().set("Sec-WebSocket-Extensions", "permessage-deflate;;")), 400,
                "Sec-WebSocket-Extensions", "'permessage-deflate;;'");
    }

    @Test
    void resultListsAreUnmodifiable() {
        UpgradeRequestCheck check = get(TestHeaders.validRequest().set("Sec-WebSocket-Protocol", "chat"));
        assertThrows(UnsupportedOperationException.class, () -> check.subprotocols().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> check.extensions().clear());
    }
}
