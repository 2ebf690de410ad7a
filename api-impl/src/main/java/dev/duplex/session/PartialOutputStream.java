package dev.duplex.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@code getSendStream()}: a binary message written as parts of up to 8 KiB; {@link #close()} sends the last part.
 * One writer thread at a time (like any OutputStream); other senders' whole messages wait until it is closed.
 */
final class PartialOutputStream extends OutputStream {

    private static final int PART = 8192;

    private final WsBasicRemote remote;
    private final byte[] buffer = new byte[PART];
    private int count;
    private boolean closed;

    PartialOutputStream(WsBasicRemote remote) {
        this.remote = remote;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (count == buffer.length) {
            sendPart(false);
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (count == buffer.length) {
                sendPart(false);
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (count > 0) {
            sendPart(false);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        sendPart(true);
    }

    private void sendPart(boolean last) throws IOException {
        ByteBuffer part = ByteBuffer.wrap(Arrays.copyOf(buffer, count));
        count = 0;
        remote.sendBinary(part, last);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the send stream is closed");
        }
    }
}
