package dev.duplex.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Test helper (DESIGN.md §6.1): feeds the same wire bytes to fresh parsers whole, split in two at every index,
 * and one byte at a time, in heap, offset-heap and direct buffers, and asserts that every run gives the same
 * events and the same error.
 */
final class SplitFeeder {

    /** Parser factories for each side. */
    static final Function<FrameParser.Listener, FrameParser> SERVER = l -> new FrameParser(l, true, Long.MAX_VALUE);
    static final Function<FrameParser.Listener, FrameParser> CLIENT = l -> new FrameParser(l, false, Long.MAX_VALUE);

    /** Wires longer than this are split in two at a sample of indexes (both ends, then a stride) only. */
    private static final int EXHAUSTIVE_LIMIT = 2048;

    enum Kind { HEAP, HEAP_WITH_OFFSET, DIRECT }

    /**
     * What one run produced.
     *
     * @param events    the recorded events
     * @param pending   payload of a data frame left open at the end of the input
     * @param errorCode the ProtocolException's close code, 0 if none
     * @param error     its message, null if none
     */
    record Outcome(List<String> events, String pending, int errorCode, String error) {
    }

    private SplitFeeder() {
    }

    /** Runs every split; all must agree. Returns the outcome of the whole-buffer run. */
    static Outcome feedAllSplits(byte[] wire, Function<FrameParser.Listener, FrameParser> factory) {
        Outcome whole = feed(wire, factory, new int[0], Kind.HEAP);
        assertEquals(whole, feed(wire, factory, new int[0], Kind.DIRECT), "whole, direct buffer");
        assertEquals(whole, feed(wire, factory, new int[0], Kind.HEAP_WITH_OFFSET), "whole, heap with offset");
        Kind[] kinds = Kind.values();
        for (int cut : cutPoints(wire.length)) {
            Kind kind = kinds[cut % kinds.length];
            assertEquals(whole, feed(wire, factory, new int[] {cut}, kind), "split at " + cut + ", " + kind);
        }
        int[] everyByte = new int[Math.max(0, wire.length - 1)];
        Arrays.setAll(everyByte, i -> i + 1);
        assertEquals(whole, feed(wire, factory, everyByte, Kind.HEAP), "one byte at a time");
        return whole;
    }

    /** Asserts that every split parses without error into exactly these events. */
    static void assertEvents(byte[] wire, Function<FrameParser.Listener, FrameParser> factory, String... expected) {
        Outcome outcome = feedAllSplits(wire, factory);
        assertEquals(0, outcome.errorCode(), () -> "unexpected error: " + outcome.error());
        assertEquals(List.of(expected), outcome.events());
        assertEquals("", outcome.pending(), "a data frame was left open");
    }

    /**
     * Asserts that every split fails with this close code and a message containing each fragment, after exactly
     * these events. Returns the message.
     */
    static String assertError(byte[] wire, Function<FrameParser.Listener, FrameParser> factory, int code,
            List<String> messageFragments, String... eventsBefore) {
        Outcome outcome = feedAllSplits(wire, factory);
        assertEquals(code, outcome.errorCode(), () -> "events " + outcome.events() + ", error " + outcome.error());
        for (String fragment : messageFragments) {
            assertTrue(outcome.error().contains(fragment), () -> "'" + outcome.error() + "' lacks '" + fragment + "'");
        }
        assertEquals(List.of(eventsBefore), outcome.events());
        return outcome.error();
    }

    /** Feeds {@code wire} cut at the given ascending indexes into one fresh parser. */
    static Outcome feed(byte[] wire, Function<FrameParser.Listener, FrameParser> factory, int[] cuts, Kind kind) {
        RecordingListener listener = new RecordingListener();
        FrameParser parser = factory.apply(listener);
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : wire.length;
            ByteBuffer piece = buffer(wire, from, to, kind);
            try {
                parser.parse(piece);
            } catch (ProtocolException e) {
                assertThrows(IllegalStateException.class, () -> parser.parse(ByteBuffer.allocate(1)),
                        "a parser that failed must stay dead");
                return new Outcome(List.copyOf(listener.events), listener.pending(), e.closeCode(), e.getMessage());
            }
            assertEquals(piece.limit(), piece.position(), "parse must consume its whole input");
            from = to;
        }
        return new Outcome(List.copyOf(listener.events), listener.pending(), 0, null);
    }

    /** A writable buffer holding {@code wire[from, to)} from its position to its limit. */
    static ByteBuffer buffer(byte[] wire, int from, int to, Kind kind) {
        int length = to - from;
        switch (kind) {
            case DIRECT:
                return ByteBuffer.allocateDirect(length).put(wire, from, length).flip();
            case HEAP_WITH_OFFSET:
                // Non-zero arrayOffset and position, and a limit short of the capacity.
                byte[] padded = new byte[length + 11];
                Arrays.fill(padded, (byte) 0x5A);
                System.arraycopy(wire, from, padded, 8, length);
                return ByteBuffer.wrap(padded, 3, length + 6).slice().position(5).limit(5 + length);
            default:
                return ByteBuffer.wrap(Arrays.copyOfRange(wire, from, to));
        }
    }

    private static TreeSet<Integer> cutPoints(int length) {
        TreeSet<Integer> cuts = new TreeSet<>();
        if (length <= EXHAUSTIVE_LIMIT) {
            for (int i = 1; i < length; i++) {
                cuts.add(i);
            }
            return cuts;
        }
        for (int i = 1; i <= 256; i++) {
            cuts.add(i);
            cuts.add(length - i);
        }
        for (int i = 257; i < length - 256; i += 509) {
            cuts.add(i);
        }
        return cuts;
    }
}
