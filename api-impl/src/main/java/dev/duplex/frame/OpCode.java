package dev.duplex.frame;

import java.util.Locale;

/**
 * WebSocket frame opcodes (RFC 6455 §5.2, §11.8) and predicates over them.
 *
 * <p>Stateless and immutable: any thread may call it.
 */
public final class OpCode {

    /** Continuation of a fragmented message (RFC 6455 §5.4). */
    public static final int CONTINUATION = 0x0;
    /** First frame of a text message. */
    public static final int TEXT = 0x1;
    /** First frame of a binary message. */
    public static final int BINARY = 0x2;
    /** Close control frame (RFC 6455 §5.5.1). */
    public static final int CLOSE = 0x8;
    /** Ping control frame (RFC 6455 §5.5.2). */
    public static final int PING = 0x9;
    /** Pong control frame (RFC 6455 §5.5.3). */
    public static final int PONG = 0xA;

    private OpCode() {
    }

    /** RFC 6455 §5.5: control frames are those whose opcode has the most significant bit set. */
    public static boolean isControl(int opcode) {
        return opcode >= 8;
    }

    /** True for the six opcodes RFC 6455 defines; 0x3–0x7 and 0xB–0xF are reserved (§5.2). */
    public static boolean isKnown(int opcode) {
        switch (opcode) {
            case CONTINUATION:
            case TEXT:
            case BINARY:
            case CLOSE:
            case PING:
            case PONG:
                return true;
            default:
                return false;
        }
    }

    /** A readable name: {@code "TEXT"}, {@code "PING"}, ... or {@code "0x3"} for an unknown opcode. */
    public static String name(int opcode) {
        switch (opcode) {
            case CONTINUATION:
                return "CONTINUATION";
            case TEXT:
                return "TEXT";
            case BINARY:
                return "BINARY";
            case CLOSE:
                return "CLOSE";
            case PING:
                return "PING";
            case PONG:
                return "PONG";
            default:
                return "0x" + Integer.toHexString(opcode).toUpperCase(Locale.ROOT);
        }
    }
}
