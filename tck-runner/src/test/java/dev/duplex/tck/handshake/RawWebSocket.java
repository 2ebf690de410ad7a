package dev.duplex.tck.handshake;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.duplex.tck.support.RecordingListener;

/**
 * A minimal WebSocket client on a plain socket, for what the JDK client does not show: the handshake response's
 * status and headers, and request headers the JDK client will not send ({@code Origin}, {@code Cookie}). After a
 * 101 it reads the server's (unmasked) frames and sends masked text and close frames.
 *
 * <p>Used by one test thread; every read waits at most {@link RecordingListener#TIMEOUT}.
 */
public final class RawWebSocket implements AutoCloseable {

    /** The sample key of RFC 6455 §1.3. */
    public static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** Its accept value, RFC 6455 §1.3. */
    public static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int status;
    private final Map<String, List<String>> headers;

    private RawWebSocket(Socket socket, int status, Map<String, List<String>> headers) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.status = status;
        this.headers = headers;
    }

    /**
     * Sends an opening handshake and reads the response head.
     *
     * @param base the deployment's {@code @ArquillianResource URL}
     * @param path the endpoint path relative to the context root, with any query ({@code /p?a=1})
     * @param extraHeaders more request header lines ({@code "Origin: http://x"})
     */
    public static RawWebSocket open(URL base, String path, String... extraHeaders) throws IOException {
        String root = base.getPath().endsWith("/") ? base.getPath().substring(0, base.getPath().length() - 1)
                : base.getPath();
        StringBuilder request = new StringBuilder()
                .append("GET ").append(root).append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(KEY).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");

        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()),
                    (int) RecordingListener.TIMEOUT.toMillis());
            socket.setSoTimeout((int) RecordingListener.TIMEOUT.toMillis());
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String head = readHead(socket.getInputStream());
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).trim());
                }
            }
            return new RawWebSocket(socket, Integer.parseInt(statusLine[1]), headers);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The handshake response's status code. */
    public int status() {
        return status;
    }

    /** The first value of a response header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a response header (name case-insensitive), possibly none. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** All response headers, for failure messages. */
    public Map<String, List<String>> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** Reads the next data frame, which must be a whole text message, and returns its text. Pings are answered. */
    public String readText() throws IOException {
        Frame frame = nextFrame();
        if (frame.opcode != 1 || !frame.fin) {
            throw new IOException("expected a whole text frame, got opcode " + frame.opcode + " fin " + frame.fin
                    + (frame.opcode == 8 ? " (close " + closeDescription(frame.payload) + ")" : ""));
        }
        return new String(frame.payload, StandardCharsets.UTF_8);
    }

    /** Sends a masked text frame. */
    public void sendText(String text) throws IOException {
        writeFrame(1, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a close (1000) and waits for the server's close, skipping data frames before it; then closes the socket.
     * Only the socket is closed when the handshake was refused.
     */
    @Override
    public void close() throws IOException {
        try {
            if (status == 101 && !socket.isClosed()) {
                writeFrame(8, new byte[] {0x03, (byte) 0xE8});
                Frame frame;
                do {
                    frame = nextFrame();
                } while (frame.opcode != 8);
            }
        } finally {
            socket.close();
        }
    }

    /** The next frame that is not a ping; pings are answered with a pong on the way (RFC 6455 §5.5.2). */
    private Frame nextFrame() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode != 9) {
                return frame;
            }
            writeFrame(10, frame.payload);
        }
    }

    private record Frame(boolean fin, int opcode, byte[] payload) {
    }

    private Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("the server sent a masked frame (RFC 6455 §5.1 forbids it)");
        }
        if (length > 16 * 1024 * 1024) {
            throw new IOException("frame of " + length + " bytes is too large for this test client");
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new EOFException("connection closed inside a frame");
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by the server");
        }
        return b;
    }

    private void writeFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before the end of the response head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("response head over 64 KiB");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private static String closeDescription(byte[] payload) {
        if (payload.length < 2) {
            return "no code";
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        return code + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }
}
