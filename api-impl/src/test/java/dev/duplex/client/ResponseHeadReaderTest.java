package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response head parser, fed whole and split at every byte boundary. */
class ResponseHeadReaderTest {

    private static final String RESPONSE = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "connection: Upgrade\r\nX-Multi: a\r\nX-Multi: b\r\nX-Folded: one\r\n two\r\n\r\n";

    /** What the reader reported. */
    private static final class Result implements ResponseHeadReader.Outcome {
        int status = -1;
        String reason;
        Map<String, List<String>> headers;
        String rest;
        IOException failure;

        @Override
        public void head(int status, String reason, Map<String, List<String>> headers, ByteBuffer rest) {
            this.status = status;
            this.reason = reason;
            this.headers = headers;
            this.rest = StandardCharsets.ISO_8859_1.decode(rest.duplicate()).toString();
        }

        @Override
        public void failed(IOException failure) {
            this.failure = failure;
        }
    }

    private static Result feed(int maxBytes, String... chunks) {
        Result result = new Result();
        ResponseHeadReader reader = new ResponseHeadReader("the test response", maxBytes, result);
        for (String chunk : chunks) {
            reader.onRead(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return result;
    }

    @Test
    void parsesAtEveryBoundary() {
        String input = RESPONSE + "\u0081\u0002hi";
        for (int split = 0; split <= input.length(); split++) {
            Result r = feed(4096, input.substring(0, split), input.substring(split));
            assertNull(r.failure, "split at " + split);
            assertEquals(101, r.status);
            assertEquals("Switching Protocols", r.reason);
            assertEquals(List.of("websocket"), r.headers.get("UPGRADE"));
            assertEquals(List.of("Upgrade"), r.headers.get("Connection"));
            assertEquals(List.of("a", "b"), r.headers.get("x-multi"));
            assertEquals(List.of("one two"), r.headers.get("X-Folded"));
            if (split < RESPONSE.length()) {   // later chunks go to whoever reads after the head
                assertEquals("\u0081\u0002hi", r.rest, "bytes after the head, split at " + split);
            }
        }
    }

    @Test
    void statusWithoutReasonAndBareLineFeeds() {
        Result r = feed(4096, "HTTP/1.1 404\nContent-Length: 0\n\n");
        assertEquals(404, r.status);
        assertEquals("", r.reason);
        assertEquals(List.of("0"), r.headers.get("content-length"));
    }

    @Test
    void tooLongHeadFails() {
        Result r = feed(64, "HTTP/1.1 200 OK\r\nX-Long: " + "y".repeat(100));
        assertNotNull(r.failure);
        assertTrue(r.failure.getMessage().contains("within 64 bytes"), r.failure.getMessage());
        assertTrue(r.failure.getMessage().contains("HTTP/1.1 200 OK"), r.failure.getMessage());
    }

    @Test
    void notHttpFails() {
        Result r = feed(4096, "220 smtp.example.com ESMTP\r\n\r\n");
        assertTrue(r.failure.getMessage().contains("not an HTTP/1.1 response"), r.failure.getMessage());
    }

    @Test
    void malformedHeaderLineFails() {
        Result r = feed(4096, "HTTP/1.1 101 OK\r\nno colon here\r\n\r\n");
        assertTrue(r.failure.getMessage().contains("malformed header line 'no colon here'"), r.failure.getMessage());
    }

    @Test
    void endOfStreamBeforeTheEndFails() {
        Result result = new Result();
        ResponseHeadReader reader = new ResponseHeadReader("the test response", 4096, result);
        reader.onRead(ByteBuffer.wrap("HTTP/1.1 101 Swi".getBytes(StandardCharsets.ISO_8859_1)));
        reader.onEof();
        assertTrue(result.failure.getMessage().contains("received 'HTTP/1.1 101 Swi...'"),
                result.failure.getMessage());
    }
}
