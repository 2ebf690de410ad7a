package dev.duplex.servlet.conformance;

/**
 * Follows the bytes the client has sent, frame by frame, to know whether the client stands between two frames. Only
 * there may it answer a server ping with a pong (RFC 6455 §5.4: control frames go between frames, never inside one);
 * a test that stops in the middle of a frame on purpose thus never gets extra bytes slipped into that frame.
 * Test thread only.
 */
final class FrameBoundaryTracker {

    private final byte[] header = new byte[14];
    private int headerBytes;
    private int headerSize = 2;
    private long payloadLeft;

    /** Feeds bytes that went out on the socket. */
    void sent(byte[] bytes) {
        for (byte b : bytes) {
            if (payloadLeft > 0) {
                payloadLeft--;
                continue;
            }
            header[headerBytes++] = b;
            if (headerBytes == 2) {
                int len7 = header[1] & 0x7F;
                int lengthBytes = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
                headerSize = 2 + lengthBytes + ((header[1] & 0x80) != 0 ? 4 : 0);
            }
            if (headerBytes >= 2 && headerBytes == headerSize) {
                payloadLeft = declaredLength();
                headerBytes = 0;
                headerSize = 2;
            }
        }
    }

    /** True when the last byte sent ended a frame (or nothing was sent yet). */
    boolean atBoundary() {
        return headerBytes == 0 && payloadLeft == 0;
    }

    private long declaredLength() {
        int len7 = header[1] & 0x7F;
        if (len7 < 126) {
            return len7;
        }
        if (len7 == 126) {
            return (header[2] & 0xFF) << 8 | header[3] & 0xFF;
        }
        long length = 0;
        for (int i = 2; i < 10; i++) {
            length = length << 8 | header[i] & 0xFF;
        }
        return length < 0 ? Long.MAX_VALUE : length; // top bit set: the frame never ends
    }
}
