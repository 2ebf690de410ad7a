package dev.duplex.session;

import java.io.IOException;
import java.io.Writer;

/**
 * {@code getSendWriter()}: a text message written as parts of up to 4096 chars, never splitting a surrogate pair;
 * {@link #close()} sends the last part. One writer thread at a time.
 */
final class PartialWriter extends Writer {

    private static final int PART = 4096;

    private final WsBasicRemote remote;
    private final StringBuilder buffer = new StringBuilder(256);
    private boolean closed;

    PartialWriter(WsBasicRemote remote) {
        this.remote = remote;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        ensureOpen();
        buffer.append(cbuf, off, len);
        while (buffer.length() > PART) {
            sendPart(PART, false);
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (buffer.length() > 0) {
            sendPart(buffer.length(), false);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        sendPart(buffer.length(), true);
    }

    /** Sends up to {@code end} chars, keeping a trailing high surrogate for the next part. */
    private void sendPart(int end, boolean last) throws IOException {
        int cut = end;
        if (!last && cut > 0 && Character.isHighSurrogate(buffer.charAt(cut - 1))) {
            cut--;
        }
        String part = buffer.substring(0, cut);
        buffer.delete(0, cut);
        remote.sendText(part, last);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the send writer is closed");
        }
    }
}
