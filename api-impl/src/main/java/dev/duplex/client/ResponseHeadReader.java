package dev.duplex.client;

import dev.duplex.handshake.HeaderTokens;

import dev.duplex.transport.TransportListener;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one HTTP/1.1 response head (status line and header fields, RFC 9112 §4-5) from a transport during the
 * opening handshake or a proxy's CONNECT exchange, and hands it over with the bytes that followed it.
 *
 * <pre>
 *   onRead* --(blank line found)--> Outcome.head(status, headers, rest)   (then ignores everything)
 *   more than maxBytes without a blank line / EOF / error / not HTTP --> Outcome.failed(...)
 * </pre>
 *
 * <p>Threads: the transport's I/O thread, one call at a time; the outcome runs there too and must not block.
 */
final class ResponseHeadReader implements TransportListener {

    /** The response head, on the I/O thread. */
    interface Outcome {
        /**
         * @param headers names matched case-insensitively, values in order received
         * @param rest the bytes after the head (valid during the call only)
         */
        void head(int status, String reason, Map<String, List<String>> headers, ByteBuffer rest);

        void failed(IOException failure);
    }

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: (.*))?");

    private final String what;
    private final int maxBytes;
    private final Outcome outcome;
    private byte[] head = new byte[512];
    private int length;
    private boolean done;

    /**
     * @param what names the exchange in messages, e.g. "the WebSocket handshake response"
     * @param maxBytes the largest head accepted
     */
    ResponseHeadReader(String what, int maxBytes, Outcome outcome) {
        this.what = what;
        this.maxBytes = maxBytes;
        this.outcome = outcome;
    }

    @Override
    public void onRead(ByteBuffer data) {
        while (!done && data.hasRemaining()) {
            if (length == maxBytes) {
                fail(new IOException(what + " has no end of its header section within " + maxBytes
                        + " bytes (starts with '" + firstLine() + "')"));
                return;
            }
            if (length == head.length) {
                head = Arrays.copyOf(head, Math.min(maxBytes, head.length * 2));
            }
            head[length++] = data.get();
            if (endOfHead()) {
                done = true;
                parse(data);
            }
        }
    }

    @Override
    public void onEof() {
        fail(new EOFException("the server closed the connection before " + what + " was complete"
                + (length == 0 ? " (nothing was received)" : " (received '" + firstLine() + "...')")));
    }

    @Override
    public void onError(Throwable failure) {
        fail(failure instanceof IOException io ? io : new IOException(failure.toString(), failure));
    }

    private void fail(IOException failure) {
        if (!done) {
            done = true;
            outcome.failed(failure);
        }
    }

    /** A blank line: CRLF CRLF, or a bare LF LF from a lenient server. */
    private boolean endOfHead() {
        if (head[length - 1] != '\n' || length < 2) {
            return false;
        }
        return head[length - 2] == '\n' || (length >= 4 && head[length - 2] == '\r' && head[length - 3] == '\n');
    }

    private void parse(ByteBuffer rest) {
        String[] lines = new String(head, 0, length, StandardCharsets.ISO_8859_1).split("\r?\n");
        Matcher status = STATUS_LINE.matcher(lines[0]);
        if (!status.matches()) {
            outcome.failed(new IOException(what + " is not an HTTP/1.1 response: its first line is '"
                    + HeaderTokens.show(lines[0]) + "'"));
            return;
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String last = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                // RFC 9112 §5.2: obsolete line folding; a recipient may replace it with a space
                List<String> values = headers.get(last);
                values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                outcome.failed(new IOException(what + " has a malformed header line '" + HeaderTokens.show(line) + "'"));
                return;
            }
            last = line.substring(0, colon).trim();
            headers.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        String reason = status.group(2) == null ? "" : status.group(2);
        outcome.head(Integer.parseInt(status.group(1)), reason, headers, rest);
    }

    private String firstLine() {
        int end = 0;
        while (end < length && head[end] != '\r' && head[end] != '\n' && end < 120) {
            end++;
        }
        return HeaderTokens.show(new String(head, 0, end, StandardCharsets.ISO_8859_1));
    }
}
