package dev.duplex.servlet.conformance;

import static dev.duplex.servlet.conformance.ClientFrames.CLOSE;
import static dev.duplex.servlet.conformance.ClientFrames.bytes;
import static dev.duplex.servlet.conformance.ClientFrames.concat;
import static dev.duplex.servlet.conformance.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The close handshake, RFC 6455 §5.5.1, §7.1 and the status codes of §7.4. */
class CloseConformanceTest extends ConformanceTestBase {

    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    @Override
    ServerFixture server() {
        return SERVER;
    }

    /** RFC 6455 §5.5.1: the server answers a close with a close (echoing the code), then closes TCP (§7.1.1). */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void closeWithCodeAndReason_echoedThenTcpClosed(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.close(1000, "goodbye"));
            client.expectCloseThenEof(1000);
        }
    }

    /**
     * RFC 6455 §5.5.1 (a close body is optional), §7.1.5 (no code received is 1005 internally): the server answers
     * with a close, 1000 by Duplex's rule "echo the peer's code; 1000 by default", then closes TCP.
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void closeWithoutPayload_answeredWith1000ThenTcpClosed(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(CLOSE, new byte[0]));
            client.expectCloseThenEof(1000);
        }
    }

    /**
     * RFC 6455 §7.1.1 ("the server ... SHOULD close the underlying TCP connection first") and §5.5.1: the close
     * handshake ends with the server closing TCP every time, not only when the timing is lucky. Repeats the plain
     * handshake on fresh connections, each right after the 101, to catch races between opening and closing.
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void closeHandshakeRepeated_serverClosesTcpEveryTime(SplitMode mode) throws IOException {
        for (int i = 0; i < 40; i++) {
            try (RawClient client = echo(mode)) {
                client.send(ClientFrames.close(1000, "round " + i));
                client.expectCloseThenEof(1000);
            }
        }
    }

    /**
     * RFC 6455 §7.1.1, §5.5.1: the same right after an echo, when the thread that sent the echo may still hold the
     * server's write side as the close arrives. Echo, then close, then TCP closed, every time.
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void closeAfterEchoRepeated_serverClosesTcpEveryTime(SplitMode mode) throws IOException {
        for (int i = 0; i < 40; i++) {
            try (RawClient client = echo(mode)) {
                assertTextEcho(client, "round " + i);
                client.send(ClientFrames.close(1000, ""));
                client.expectCloseThenEof(1000);
            }
        }
    }

    /**
     * RFC 6455 §7.1.1, §5.5.1: the same when the close arrives right behind a message (one TCP write), so that the
     * server may still be busy with the echo when it answers the close. Whether the echo still goes out before the
     * close is the implementation's choice (§5.5.1 "MAY delay sending a Close frame until its current message is
     * sent"; Autobahn 7.1.6 is non-strict here); a whole echo or none, then the close, then TCP closed, every time.
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void closeRightBehindMessageRepeated_serverClosesTcpEveryTime(SplitMode mode) throws IOException {
        String text = "x".repeat(1000);
        for (int i = 0; i < 40; i++) {
            try (RawClient client = echo(mode)) {
                client.send(ClientFrames.text(text), ClientFrames.close(1000, "round " + i));
                ServerFrame next = client.readFrame();
                if (!next.isClose()) {
                    ServerFrame echo = client.readMessage(next);
                    assertEquals(text, new String(echo.payload(), StandardCharsets.UTF_8), echo::describe);
                    next = client.readFrame();
                }
                ServerFrame close = next;
                assertTrue(close.isClose() && close.closeCode() == 1000,
                        () -> "expected CLOSE 1000: " + close.describe());
                client.expectEof();
            }
        }
    }

    /** RFC 6455 §5.5.1: a close body, when present, starts with a 2-byte code; a 1-byte body is a protocol error. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void closeWithOneBytePayload_closes1002(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(CLOSE, bytes(0x03)));
            client.expectCloseThenEof(1002);
        }
    }

    static Stream<Arguments> invalidCodes() {
        return crossModes(0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535);
    }

    /**
     * RFC 6455 §7.4.1, §7.4.2: codes below 1000, the reserved 1004, the never-sent 1005/1006/1015, unassigned
     * 1016-2999 and anything above 4999 are invalid in a close frame: the connection fails with 1002.
     */
    @ParameterizedTest(name = "{0} code={1}")
    @MethodSource("invalidCodes")
    void invalidCloseCode_closes1002(SplitMode mode, int code) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.close(code, "invalid"));
            client.expectCloseThenEof(1002);
        }
    }

    static Stream<Arguments> validCodes() {
        return crossModes(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
                3000, 3999, 4000, 4999);
    }

    /** RFC 6455 §7.4.1, §7.4.2 (and the IANA registry): valid codes are accepted and echoed, then TCP closes. */
    @ParameterizedTest(name = "{0} code={1}")
    @MethodSource("validCodes")
    void validCloseCode_echoedThenTcpClosed(SplitMode mode, int code) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.close(code, "valid"));
            client.expectCloseThenEof(code);
        }
    }

    /** RFC 6455 §5.5.1: a 123-byte reason (125-byte body, the control frame maximum) is valid. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void closeWithLongestReason_echoedThenTcpClosed(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.close(1000, "r".repeat(123)));
            client.expectCloseThenEof(1000);
        }
    }

    /** RFC 6455 §5.5.1 (the reason is UTF-8), §8.1: a close reason that is not valid UTF-8 fails with 1007. */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void closeReasonWithInvalidUtf8_closes1007(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.frame(CLOSE, ClientFrames.closePayload(1000, concat(utf8("ab"), bytes(0xFF)))));
            client.expectCloseThenEof(1007);
        }
    }

    /**
     * RFC 6455 §5.5.1 ("The application MUST NOT send any more data frames after sending a Close frame"), §1.4:
     * a text frame right behind the client's close (same TCP write) gets no echo: close, then EOF.
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void dataFrameAfterClientClose_isIgnored(SplitMode mode) throws IOException {
        try (RawClient client = echo(mode)) {
            client.send(ClientFrames.close(1000, ""), ClientFrames.text("after close"));
            client.expectCloseThenEof(1000);
        }
    }

    /**
     * RFC 6455 §5.5.1, §7.1.2: once the server has sent its close, it sends no more data frames; a data frame the
     * client sends before answering the close is not echoed, and the client's close then ends the connection.
     */
    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void dataFrameAfterServerClose_isIgnored(SplitMode mode) throws IOException {
        try (RawClient client = open("/closing", mode)) {
            assertTextEcho(client, "hello");
            client.send(ClientFrames.text(ClosingEndpoint.CLOSE_COMMAND));
            ServerFrame close = client.expectClose(1000);
            assertEquals(ClosingEndpoint.CLOSE_REASON, close.closeReason());
            client.send(ClientFrames.text("after the server's close"));
            client.send(ClientFrames.close(1000, ""));
            client.expectEof();
        }
    }
}
