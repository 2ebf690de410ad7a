package dev.duplex.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Streaming UTF-8 validator (RFC 3629 §3/§4; RFC 6455 §8.1 requires it for text messages and close reasons).
 * Rejects overlong forms, surrogates U+D800–U+DFFF, code points above U+10FFFF and stray or missing continuation
 * bytes, and fails fast: {@link #feed} returns false at the first byte that cannot continue a valid sequence.
 * A code point may be split across calls.
 *
 * <p>Not thread-safe: one instance belongs to one message reader at a time.
 *
 * <pre>
 *            00..7F                      C2..DF           80..BF
 *   ACCEPT ----------&gt; ACCEPT   ACCEPT --------&gt; NEED1 ----------&gt; ACCEPT
 *   ACCEPT --E1..EC,EE..EF--&gt; NEED2 --80..BF--&gt; NEED1
 *   ACCEPT --F1..F3--&gt; NEED3 --80..BF--&gt; NEED2
 *   ACCEPT --E0--&gt; AFTER_E0 --A0..BF--&gt; NEED1     (no overlongs)
 *   ACCEPT --ED--&gt; AFTER_ED --80..9F--&gt; NEED1     (no surrogates)
 *   ACCEPT --F0--&gt; AFTER_F0 --90..BF--&gt; NEED2     (no overlongs)
 *   ACCEPT --F4--&gt; AFTER_F4 --80..8F--&gt; NEED2     (nothing above U+10FFFF)
 *   anything else --&gt; REJECT (sticky until reset)
 * </pre>
 */
public final class Utf8Validator {

    // States are stored as their row offset in NEXT (state number * CLASSES), saving a multiply per byte.
    private static final int CLASSES = 12;
    private static final int ACCEPT = 0;
    private static final int NEED1 = CLASSES;
    private static final int NEED2 = 2 * CLASSES;
    private static final int NEED3 = 3 * CLASSES;
    private static final int AFTER_E0 = 4 * CLASSES;
    private static final int AFTER_ED = 5 * CLASSES;
    private static final int AFTER_F0 = 6 * CLASSES;
    private static final int AFTER_F4 = 7 * CLASSES;
    private static final int REJECT = 8 * CLASSES;
    private static final int STATES = 9;

    // Byte classes: the transitions above only depend on which of these ranges a byte falls in.
    private static final int C_ASCII = 0;      // 00..7F
    private static final int C_CONT_80 = 1;    // 80..8F
    private static final int C_CONT_90 = 2;    // 90..9F
    private static final int C_CONT_A0 = 3;    // A0..BF
    private static final int C_INVALID = 4;    // C0, C1 (always overlong), F5..FF (above U+10FFFF)
    private static final int C_LEAD2 = 5;      // C2..DF
    private static final int C_E0 = 6;
    private static final int C_LEAD3 = 7;      // E1..EC, EE..EF
    private static final int C_ED = 8;
    private static final int C_F0 = 9;
    private static final int C_LEAD4 = 10;     // F1..F3
    private static final int C_F4 = 11;

    private static final byte[] CLASS_OF = buildClasses();
    private static final byte[] NEXT = buildTransitions();

    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private int state = ACCEPT;

    public Utf8Validator() {
    }

    /**
     * Validates {@code buf[position, limit)} without moving its position.
     *
     * @return false if the bytes seen since the last {@link #reset} are not a prefix of valid UTF-8;
     *         once false, stays false until {@link #reset}
     */
    public boolean feed(ByteBuffer buf) {
        if (state == REJECT) {
            return false;
        }
        if (buf.hasArray()) {
            int offset = buf.arrayOffset();
            state = scanArray(state, buf.array(), offset + buf.position(), offset + buf.limit());
        } else {
            state = scanBuffer(state, buf, buf.position(), buf.limit());
        }
        return state != REJECT;
    }

    /** True if everything fed so far is valid and ends on a code point boundary (check it at a message's end). */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    /** Forgets everything fed so far, ready for a new message. */
    public void reset() {
        state = ACCEPT;
    }

    /** One-shot check that {@code buf[position, limit)} is complete, valid UTF-8. Does not move the position. */
    public static boolean isValid(ByteBuffer buf) {
        Utf8Validator validator = new Utf8Validator();
        return validator.feed(buf) && validator.isComplete();
    }

    /**
     * The heap path. A code point left open by the previous call is finished through the automaton; then, in the
     * ACCEPT state, 8-byte words of ASCII are skipped at once and each multi-byte sequence held whole by the array
     * is checked by {@link #sequenceLength} (branches predict far better than the automaton's chain of dependent
     * table loads on non-ASCII text). A sequence cut by the end of the input goes to the automaton.
     */
    private static int scanArray(int state, byte[] bytes, int from, int to) {
        int i = from;
        for (; i < to && state != ACCEPT; i++) {
            state = NEXT[state + CLASS_OF[bytes[i] & 0xFF]];
            if (state == REJECT) {
                return REJECT;
            }
        }
        if (state != ACCEPT) {
            return state;   // the input ended inside the code point
        }
        while (i < to) {
            if (bytes[i] >= 0) {
                int next = skipAscii(bytes, i, to);
                if (next == i) {
                    // A non-ASCII byte lies within the next 8 (or fewer than 8 are left): go to it byte by byte.
                    do {
                        i++;
                    } while (i < to && bytes[i] >= 0);
                } else {
                    i = next;
                }
                continue;
            }
            int length = sequenceLength(bytes, i, to);
            if (length == 0) {
                return REJECT;
            }
            if (length < 0) {
                return automaton(ACCEPT, bytes, i, to);
            }
            i += length;
        }
        return ACCEPT;
    }

    /**
     * The index of the first 8-byte word from {@code i} that is not all ASCII (or of the last, shorter run).
     * After one ASCII word it tries 32 bytes per step, so long ASCII runs go fast and mixed text wastes little.
     */
    private static int skipAscii(byte[] bytes, int i, int to) {
        while (i <= to - 8 && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
            i += 8;
            while (i <= to - 32 && (((long) LONGS.get(bytes, i) | (long) LONGS.get(bytes, i + 8)
                    | (long) LONGS.get(bytes, i + 16) | (long) LONGS.get(bytes, i + 24)) & HIGH_BITS) == 0) {
                i += 32;
            }
        }
        return i;
    }

    /** Like {@link #skipAscii(byte[], int, int)}; the high-bit test holds in either byte order. */
    private static int skipAscii(ByteBuffer buf, int i, int to) {
        while (i <= to - 8 && (buf.getLong(i) & HIGH_BITS) == 0) {
            i += 8;
            while (i <= to - 32 && ((buf.getLong(i) | buf.getLong(i + 8) | buf.getLong(i + 16)
                    | buf.getLong(i + 24)) & HIGH_BITS) == 0) {
                i += 32;
            }
        }
        return i;
    }

    /**
     * RFC 3629 §4 for the sequence whose lead byte (0x80 or above) is at {@code i}: its length 2–4 if valid and
     * whole before {@code to}, 0 if invalid, -1 if cut by {@code to} (the caller then lets the automaton decide).
     */
    private static int sequenceLength(byte[] bytes, int i, int to) {
        int lead = bytes[i] & 0xFF;
        if (lead < 0xC2 || lead > 0xF4) {
            return 0;   // a continuation byte, an overlong C0/C1 lead, or above U+10FFFF
        }
        int length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (to - i < length) {
            return -1;
        }
        int second = bytes[i + 1] & 0xFF;
        int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;   // no overlongs
        int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;  // no surrogates, nothing above U+10FFFF
        if (second < low || second > high) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }

    private static int automaton(int state, byte[] bytes, int from, int to) {
        for (int i = from; i < to && state != REJECT; i++) {
            state = NEXT[state + CLASS_OF[bytes[i] & 0xFF]];
        }
        return state;
    }

    /** The automaton with the ASCII fast path, for direct or read-only buffers. */
    private static int scanBuffer(int state, ByteBuffer buf, int from, int to) {
        int i = from;
        while (i < to) {
            if (state == ACCEPT) {
                i = skipAscii(buf, i, to);
            }
            for (int stop = Math.min(to, i + 8); i < stop; i++) {
                state = NEXT[state + CLASS_OF[buf.get(i) & 0xFF]];
                if (state == REJECT) {
                    return REJECT;
                }
            }
        }
        return state;
    }

    private static byte[] buildClasses() {
        byte[] classes = new byte[256];
        for (int b = 0; b < 256; b++) {
            classes[b] = (byte) classify(b);
        }
        return classes;
    }

    private static int classify(int b) {
        if (b <= 0x7F) {
            return C_ASCII;
        } else if (b <= 0x8F) {
            return C_CONT_80;
        } else if (b <= 0x9F) {
            return C_CONT_90;
        } else if (b <= 0xBF) {
            return C_CONT_A0;
        } else if (b <= 0xC1) {
            return C_INVALID;
        } else if (b <= 0xDF) {
            return C_LEAD2;
        } else if (b == 0xE0) {
            return C_E0;
        } else if (b == 0xED) {
            return C_ED;
        } else if (b <= 0xEF) {
            return C_LEAD3;
        } else if (b == 0xF0) {
            return C_F0;
        } else if (b <= 0xF3) {
            return C_LEAD4;
        } else if (b == 0xF4) {
            return C_F4;
        }
        return C_INVALID;
    }

    private static byte[] buildTransitions() {
        byte[] next = new byte[STATES * CLASSES];
        for (int state = 0; state < next.length; state += CLASSES) {
            for (int c = 0; c < CLASSES; c++) {
                next[state + c] = (byte) transition(state, c);
            }
        }
        return next;
    }

    /** RFC 3629 §4, the well-formed byte sequences table. */
    private static int transition(int state, int cls) {
        boolean anyContinuation = cls == C_CONT_80 || cls == C_CONT_90 || cls == C_CONT_A0;
        switch (state) {
            case ACCEPT:
                return leadTransition(cls);
            case NEED1:
                return anyContinuation ? ACCEPT : REJECT;
            case NEED2:
                return anyContinuation ? NEED1 : REJECT;
            case NEED3:
                return anyContinuation ? NEED2 : REJECT;
            case AFTER_E0:
                return cls == C_CONT_A0 ? NEED1 : REJECT;
            case AFTER_ED:
                return cls == C_CONT_80 || cls == C_CONT_90 ? NEED1 : REJECT;
            case AFTER_F0:
                return cls == C_CONT_90 || cls == C_CONT_A0 ? NEED2 : REJECT;
            case AFTER_F4:
                return cls == C_CONT_80 ? NEED2 : REJECT;
            default:
                return REJECT;
        }
    }

    private static int leadTransition(int cls) {
        switch (cls) {
            case C_ASCII:
                return ACCEPT;
            case C_LEAD2:
                return NEED1;
            case C_E0:
                return AFTER_E0;
            case C_LEAD3:
                return NEED2;
            case C_ED:
                return AFTER_ED;
            case C_F0:
                return AFTER_F0;
            case C_LEAD4:
                return NEED3;
            case C_F4:
                return AFTER_F4;
            default:
                return REJECT;
        }
    }
}
