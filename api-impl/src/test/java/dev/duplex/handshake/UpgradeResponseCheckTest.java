package dev.duplex.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 §4.1, the client's checks of the server's response, one test per rule. */
class UpgradeResponseCheckTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final List<String> PROTOCOLS = List.of("chat", "superchat");
    private static final List<String> EXTENSIONS = List.of("permessage-deflate");

    private static UpgradeResponseCheck check(int status, TestHeaders headers) {
        return UpgradeResponseCheck.check(status, headers.lookup(), KEY, PROTOCOLS, EXTENSIONS);
    }

    private static UpgradeResponseCheck check(TestHeaders headers) {
        return check(101, headers);
    }

    private static void assertInvalid(UpgradeResponseCheck check, String... reasonParts) {
        assertFalse(check.isValid());
        for (String part : reasonParts) {
            assertTrue(check.failureReason().contains(part), () -> "'" + check.failureReason() + "' names " + part);
        }
        assertNull(check.subprotocol());
        assertEquals(List.of(), check.extensions());
    }

    @Test
    void validResponseIsValid() {
        UpgradeResponseCheck check = check(TestHeaders.validResponse());
        assertTrue(check.isValid(), check.failureReason());
        assertNull(check.failureReason());
        assertNull(check.subprotocol());
        assertEquals(List.of(), check.extensions());
    }

    @Test
    void statusOtherThan101Fails() { // RFC 6455 §4.1 item 1
        assertInvalid(check(404, TestHeaders.validResponse()),
                "the server answered HTTP 404 instead of 101 Switching Protocols");
        assertInvalid(check(200, TestHeaders.validResponse()), "200");
    }

    @Test
    void upgradeMustContainWebsocket() { // RFC 6455 §4.1 item 2
        assertTrue(check(TestHeaders.validResponse().set("Upgrade", "WebSocket")).isValid());
        assertInvalid(check(TestHeaders.validResponse().set("Upgrade", "h2c")), "Upgrade", "'h2c'");
        assertInvalid(check(TestHeaders.validResponse().remove("Upgrade")), "Upgrade");
    }

    @Test
    void connectionMustContainUpgrade() { // RFC 6455 §4.1 item 3
        assertTrue(check(TestHeaders.validResponse().set("Connection", "keep-alive, UPGRADE")).isValid());
        assertInvalid(check(TestHeaders.validResponse().set("Connection", "close")), "Connection", "'close'");
        assertInvalid(check(TestHeaders.validResponse().remove("Connection")), "Connection");
    }

    @Test
    void acceptMustMatchTheKeySent() { // RFC 6455 §4.1 item 4
        assertTrue(check(TestHeaders.validResponse().set("Sec-WebSocket-Accept", " s3pPLMBiTxaQ9kYGzzhZRbK+xOo= "))
                .isValid());
        assertInvalid(check(TestHeaders.validResponse().set("Sec-WebSocket-Accept", "x")),
                "Sec-WebSocket-Accept 'x' does not match the key sent (expected 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='");
    }

    @Test
    void acceptIsCaseSensitive() {
        assertInvalid(check(TestHeaders.validResponse().set("Sec-WebSocket-Accept", "S3PPLMBITXAQ9KYGZZHZRBK+XOO=")),
                "Sec-WebSocket-Accept");
    }

    @Test
    void missingOrRepeatedAcceptFails() {
        assertInvalid(check(TestHeaders.validResponse().remove("Sec-WebSocket-Accept")), "no Sec-WebSocket-Accept");
        assertInvalid(check(TestHeaders.validResponse().set("Sec-WebSocket-Accept",
                "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")), "Sec-WebSocket-Accept");
    }

    @Test
    void offeredSubprotocolIsNegotiated() { // RFC 6455 §4.1 item 6
        UpgradeResponseCheck check = check(TestHeaders.validResponse().set("Sec-WebSocket-Protocol", "superchat"));
        assertTrue(check.isValid(), check.failureReason());
        assertEquals("superchat", check.subprotocol());
    }

    @Test
    void subprotocolNotOfferedFails() {
        assertInvalid(check(TestHeaders.validResponse().set("Sec-WebSocket-Protocol", "mqtt")),
                "'mqtt'", "did not offer");
        assertInvalid(check(TestHeaders.validResponse().set("Sec-WebSocket-Protocol", "CHAT")), "'CHAT'");
        assertInvalid(UpgradeResponseCheck.check(101,
                TestHeaders.validResponse().set("Sec-WebSocket-Protocol", "chat").lookup(), KEY, null, null), "'chat'");
    }

    @Test
    void moreThanOneSubprotocolFails() {
        assertInvalid(check(TestHeaders.validResponse().set("Sec-WebSocket-Protocol", "chat, superchat")),
                "Sec-WebSocket-Protocol", "exactly one");
        assertInvalid(check(TestHeaders.validResponse().set("Sec-WebSocket-Protocol", "chat", "chat")),
                "Sec-WebSocket-Protocol");
        assertInvalid(check(TestHeaders.validResponse().set("Sec-WebSocket-Protocol", "")), "Sec-WebSocket-Protocol");
    }

    @Test
    void offeredExtensionIsReturned() { // RFC 6455 §4.1 item 5
        UpgradeResponseCheck check = check(TestHeaders.validResponse()
                .set("Sec-WebSocket-Extensions", "permessage-deflate; server_no_context_takeover"));
        assertTrue(check.isValid(), check.failureReason());
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        params.put("server_no_context_takeover", null);
        assertEquals(List.of(new ExtensionOffer("permessage-deflate", params)), check.extensions());
    }

    @Test
    void extensionNotOfferedFails() {
        assertInvalid(check(TestHeaders.validResponse().set("Sec-WebSocket-Extensions", "permessage-deflate, x-foo")),
                "'x-foo'", "did not offer");
        assertInvalid(UpgradeResponseCheck.check(101, TestHeaders.validResponse()
                .set("Sec-WebSocket-Extensions", "permessage-deflate").lookup(), KEY, PROTOCOLS, List.of()),
                "'permessage-deflate'");
    }

    @Test
    void malformedExtensionsFails() {
        assertInvalid(check(TestHeaders.validResponse().set("Sec-WebSocket-Extensions", "permessage-deflate; =")),
                "Sec-WebSocket-Extensions", "malformed");
    }

    @Test
    void nullKeyOrHeadersIsAProgrammingError() {
        assertThrows(NullPointerException.class,
                () -> UpgradeResponseCheck.check(101, TestHeaders.validResponse().lookup(), null, PROTOCOLS, EXTENSIONS));
        assertThrows(NullPointerException.class, () -> UpgradeResponseCheck.check(101, null, KEY, PROTOCOLS, EXTENSIONS));
    }

    @Test
    void roundTripWithAFreshKey() {
        String key = AcceptKey.newKey();
        TestHeaders headers = TestHeaders.validResponse().set("Sec-WebSocket-Accept", AcceptKey.compute(key));
        assertTrue(UpgradeResponseCheck.check(101, headers.lookup(), key, List.of(), List.of()).isValid());
    }
}
