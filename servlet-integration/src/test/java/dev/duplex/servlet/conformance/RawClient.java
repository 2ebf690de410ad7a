package dev.duplex.servlet.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately small WebSocket client over a plain {@link Socket}: sends whatever bytes a test builds (in one
 * write or byte by byte), and reads the server's frames with its own parser, checking the rules every server frame
 * must follow (unmasked, RSV clear, control frames final and at most 125 bytes). A server may ping at any time
 * (RFC 6455 §5.5.2): the reads answer each ping with a pong and pass over it, but only while the client stands
 * between two frames and has not received the server's close. Every read has a timeout; failures carry a trace of
 * what was sent and received. One test thread per client.
 */
final class RawClient implements AutoCloseable {

    static final int READ_TIMEOUT_MILLIS = 10_000;
    static final int SERVER_FIRST_MILLIS = 2_000;
    static final int EOF_TIMEOUT_MILLIS = 3_000;
    private static final int MAX_SERVER_PAYLOAD = 16 << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SplitMode mode;
    private final StringBuilder trace = new StringBuilder();
    private final FrameBoundaryTracker boundary = new FrameBoundaryTracker();
    private boolean upgraded;
    private boolean closeReceived;
    private IOException writeFailure;

    private RawClient(Socket socket, SplitMode mode) throws IOException {
        this.socket = socket;
        this.mode = mode;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A TCP connection only, for handshake tests. */
    static RawClient connect(int port, SplitMode mode) throws IOException {
        return new RawClient(new Socket(InetAddress.getLoopbackAddress(), port), mode);
    }

    /** A connection with a completed, verified opening handshake to {@code path}. */
    static RawClient open(int port, String path, SplitMode mode) throws IOException {
        RawClient client = connect(port, mode);
        String key = Handshake.newKey(16);
        client.send(Handshake.request(path, Handshake.validHeaders(port, key)));
        HttpHead head = client.readHttpHead();
        if (head.status() != 101) {
            client.close();
            throw new AssertionError("handshake to " + path + " failed: " + head);
        }
        String accept = head.header("Sec-WebSocket-Accept");
        if (!Handshake.expectedAccept(key).equals(accept)) {
            client.close();
            throw new AssertionError("wrong Sec-WebSocket-Accept '" + accept + "' for key " + key);
        }
        client.upgraded = true;
        return client;
    }

    /**
     * Sends the parts as one byte sequence, split according to the mode. A write that fails because the server
     * already closed is recorded, not thrown: the reads that follow show what the server did.
     */
    void send(byte[]... parts) {
        byte[] bytes = ClientFrames.concat(parts);
        trace.append("\n  -> ").append(bytes.length).append(" bytes: ").append(Hex.of(bytes, 40));
        if (upgraded) {
            boundary.sent(bytes);
        }
        if (writeFailure != null) {
            return;
        }
        try {
            if (mode == SplitMode.WHOLE) {
                out.write(bytes);
                out.flush();
            } else {
                for (byte b : bytes) {
                    out.write(b);
                    out.flush();
                }
            }
        } catch (IOException e) {
            writeFailure = e;
            trace.append("\n  (write failed: ").append(e).append(')');
        }
    }

    /**
     * Reads an HTTP response head up to the empty line; the body, if any, is left unread. After a 101 the bytes
     * that follow are frames.
     */
    HttpHead readHttpHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = readByte("an HTTP response head");
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        trace.append("\n  <- ").append(text.lines().findFirst().orElse(""));
        HttpHead parsed = HttpHead.parse(text.substring(0, text.length() - 4));
        upgraded = parsed.status() == 101;
        return parsed;
    }

    /** The next frame other than a ping; fails on timeout, EOF, reset, or a frame no server may send. */
    ServerFrame readFrame() throws IOException {
        while (true) {
            ServerFrame frame = readFrame(readByte("a frame"));
            if (!answeredPing(frame)) {
                return frame;
            }
        }
    }

    /** The next whole data message (frames reassembled); fails when anything else arrives first. */
    ServerFrame readMessage() throws IOException {
        return readMessage(readFrame());
    }

    /** The whole data message that {@code first} (already read) starts. */
    ServerFrame readMessage(ServerFrame first) throws IOException {
        if (first.opcode() != ClientFrames.TEXT && first.opcode() != ClientFrames.BINARY) {
            throw fail("expected a TEXT or BINARY message but got " + first.describe());
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(first.payload());
        ServerFrame frame = first;
        while (!frame.fin()) {
            frame = readFrame();
            if (frame.opcode() != ClientFrames.CONTINUATION) {
                throw fail("expected a CONTINUATION of the " + ServerFrame.opName(first.opcode())
                        + " message but got " + frame.describe());
            }
            payload.writeBytes(frame.payload());
        }
        return new ServerFrame(true, first.opcode(), payload.toByteArray());
    }

    /** The next message, which must be text; returns it decoded (the server must send valid UTF-8, §8.1). */
    String readText() throws IOException {
        ServerFrame message = readMessage();
        if (message.opcode() != ClientFrames.TEXT) {
            throw fail("expected a TEXT message but got " + message.describe());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message.payload())).toString();
        } catch (CharacterCodingException e) {
            throw fail("the server sent invalid UTF-8 in a TEXT message: " + message.describe());
        }
    }

    /** The next message, which must be binary. */
    byte[] readBinary() throws IOException {
        ServerFrame message = readMessage();
        if (message.opcode() != ClientFrames.BINARY) {
            throw fail("expected a BINARY message but got " + message.describe());
        }
        return message.payload();
    }

    /** The next frame must be a close frame with this code; returns it. */
    ServerFrame expectClose(int code) throws IOException {
        ServerFrame frame = readFrame();
        if (!frame.isClose()) {
            throw fail("expected CLOSE " + code + " but got " + frame.describe());
        }
        if (frame.closeCode() != code) {
            throw fail("expected close code " + code + " but got " + frame.describe());
        }
        return frame;
    }

    /**
     * The server must end the TCP connection, sending nothing more. RFC 6455 §7.1.1: the server SHOULD close first,
     * and a client MAY close after both close frames were exchanged when the server has not done so in a
     * reasonable time (browsers wait about two seconds). So the client waits {@value #SERVER_FIRST_MILLIS} ms for
     * the server, then closes its own side as a browser would, and the server must then release the connection
     * within {@value #EOF_TIMEOUT_MILLIS} ms. The trace records which of the two happened.
     *
     * <p>Why the second path exists: Tomcat closes an upgraded socket only when one of its own callbacks ends with
     * both streams closed ({@code UpgradeProcessorExternal.dispatch}); when the close frame is written by an
     * application thread after the container's callback has returned, nothing wakes Tomcat until the next socket
     * event, which the client's close provides. The servlet API offers no way to wake the container.
     */
    void expectEof() throws IOException {
        if (awaitEof(SERVER_FIRST_MILLIS, false)) {
            return;
        }
        trace.append("\n  -> client closes its side after ").append(SERVER_FIRST_MILLIS)
                .append(" ms (RFC 6455 §7.1.1 allows it)");
        socket.shutdownOutput();
        awaitEof(EOF_TIMEOUT_MILLIS, true);
    }

    /** Reads until EOF or reset; false on timeout unless {@code mustEnd}, which fails instead. */
    private boolean awaitEof(long millis, boolean mustEnd) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            int b;
            try {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                b = in.read();
            } catch (SocketTimeoutException e) {
                if (mustEnd) {
                    throw fail("the server did not release the TCP connection within " + millis
                            + " ms after the client closed its side");
                }
                return false;
            } catch (SocketException e) {
                trace.append("\n  <- reset (").append(e.getMessage()).append(')');
                return true;
            } finally {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            }
            if (b < 0) {
                trace.append("\n  <- EOF");
                return true;
            }
            ServerFrame frame = readFrame(b);
            if (!answeredPing(frame)) {
                throw fail("expected the server to close TCP, but it sent " + frame.describe());
            }
        }
    }

    /** A close frame with this code, then the server closes TCP (RFC 6455 §7.1.1, §7.1.7). */
    ServerFrame expectCloseThenEof(int code) throws IOException {
        ServerFrame frame = expectClose(code);
        expectEof();
        return frame;
    }

    /** An assertion failure carrying the conversation so far. */
    AssertionError fail(String message) {
        return new AssertionError(message + "\n" + conversation());
    }

    /** What was sent and received so far, for failure messages. */
    String conversation() {
        return "conversation (" + mode + "):" + trace;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private ServerFrame readFrame(int b0) throws IOException {
        int b1 = readByte("the second header byte");
        boolean fin = (b0 & 0x80) != 0;
        int rsv = b0 & 0x70;
        int opcode = b0 & 0x0F;
        long length = b1 & 0x7F;
        if (length == 126) {
            length = readByte("a 16-bit length") << 8 | readByte("a 16-bit length");
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | readByte("a 64-bit length");
            }
        }
        String header = String.format("%02X %02X", b0, b1);
        if ((b1 & 0x80) != 0) {
            throw fail("the server sent a masked frame (header " + header + "); RFC 6455 §5.1 forbids it");
        }
        if (rsv != 0) {
            throw fail("the server set RSV bits without an extension (header " + header + "), RFC 6455 §5.2");
        }
        if (length < 0 || length > MAX_SERVER_PAYLOAD) {
            throw fail("the server declared an implausible payload length " + length + " (header " + header + ")");
        }
        if ((opcode & 0x8) != 0 && (!fin || length > 125)) {
            throw fail("the server sent a fragmented or oversized control frame (header " + header
                    + ", length " + length + "), RFC 6455 §5.5");
        }
        byte[] payload = new byte[(int) length];
        for (int read = 0; read < payload.length; ) {
            int n = readSome(payload, read, payload.length - read);
            read += n;
        }
        ServerFrame frame = new ServerFrame(fin, opcode, payload);
        trace.append("\n  <- ").append(frame.describe());
        closeReceived |= frame.isClose();
        return frame;
    }

    /**
     * RFC 6455 §5.5.2: "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in response, unless it
     * already received a Close frame". True when the frame was a ping (answered if the client is between frames).
     */
    private boolean answeredPing(ServerFrame frame) {
        if (frame.opcode() != ClientFrames.PING) {
            return false;
        }
        if (closeReceived) {
            trace.append(" (not answered: the server's close came first)");
        } else if (!boundary.atBoundary()) {
            trace.append(" (not answered yet: the client is in the middle of a frame)");
        } else {
            send(ClientFrames.frame(ClientFrames.PONG, frame.payload()));
        }
        return true;
    }

    private int readByte(String what) throws IOException {
        byte[] one = new byte[1];
        readSome(one, 0, 1, what);
        return one[0] & 0xFF;
    }

    private int readSome(byte[] into, int offset, int length) throws IOException {
        return readSome(into, offset, length, "a frame payload");
    }

    private int readSome(byte[] into, int offset, int length, String what) throws IOException {
        int n;
        try {
            n = in.read(into, offset, length);
        } catch (SocketTimeoutException e) {
            throw fail("no bytes from the server within " + READ_TIMEOUT_MILLIS + " ms while reading " + what);
        } catch (SocketException e) {
            throw fail("the server reset the connection while the client was reading " + what + ": " + e);
        }
        if (n < 0) {
            throw fail("the server closed the TCP connection (EOF) while the client was reading " + what,
                    new EOFException());
        }
        return n;
    }

    private AssertionError fail(String message, Throwable cause) {
        AssertionError error = fail(message);
        error.initCause(cause);
        return error;
    }
}
