package dev.duplex.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FrameWriter → FrameParser round trips: random payloads, every opcode, both sides, fragments with pings. */
class FrameRoundTripTest {

    /** A random conversation, its wire bytes and the events the parser must report. */
    private static final class Script {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final List<String> expected = new ArrayList<>();
        final boolean masked;
        final Random random;

        Script(boolean masked, Random random) {
            this.masked = masked;
            this.random = random;
        }

        void data(int opcode, boolean fin, int rsv, byte[] payload) {
            write(fin, rsv, opcode, payload);
            expected.add(OpCode.name(opcode) + " fin=" + fin + " rsv=" + rsv + " len=" + payload.length);
            expected.add("end fin=" + fin + " data=" + Wire.hex(payload));
        }

        void control(int opcode, byte[] payload) {
            write(true, 0, opcode, payload);
            expected.add(OpCode.name(opcode) + " data=" + Wire.hex(payload));
        }

        void close(int code, String reason) {
            write(true, 0, OpCode.CLOSE, Wire.toArray(CloseCodes.payload(code, reason)));
            expected.add("CLOSE " + code + " reason=" + reason);
        }

        private void write(boolean fin, int rsv, int opcode, byte[] payload) {
            wire.writeBytes(Wire.frame(fin, rsv, opcode, payload, masked, random.nextInt()));
        }
    }

    private static Script randomConversation(boolean masked, long seed, int messages, int maxPayload) {
        Random random = new Random(seed);
        Script script = new Script(masked, random);
        for (int m = 0; m < messages; m++) {
            int opcode = random.nextBoolean() ? OpCode.TEXT : OpCode.BINARY;
            int rsv = random.nextInt(4) == 0 ? FrameParser.RSV1 : 0;
            int fragments = 1 + random.nextInt(4);
            for (int f = 0; f < fragments; f++) {
                boolean fin = f == fragments - 1;
                byte[] payload = Wire.random(random, randomLength(random, maxPayload));
                script.data(f == 0 ? opcode : OpCode.CONTINUATION, fin, f == 0 ? rsv : 0, payload);
                if (random.nextInt(3) == 0) {
                    script.control(random.nextBoolean() ? OpCode.PING : OpCode.PONG,
                            Wire.random(random, random.nextInt(126)));
                }
            }
        }
        script.close(1000 + random.nextInt(4), "bye " + seed);
        return script;
    }

    /** Favours the 7/16/64-bit length boundaries. */
    private static int randomLength(Random random, int max) {
        int[] interesting = {0, 1, 125, 126, 127, 65535, 65536, 65537};
        int pick = random.nextInt(interesting.length + 2);
        int length = pick < interesting.length ? interesting[pick] : random.nextInt(300);
        return Math.min(length, max);
    }

    private static FrameParser parser(FrameParser.Listener listener, boolean server) {
        FrameParser parser = new FrameParser(listener, server, Long.MAX_VALUE);
        parser.setAllowedRsv(FrameParser.RSV1);
        return parser;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void randomConversationInRandomChunks(boolean clientToServer) throws ProtocolException {
        for (long seed = 1; seed <= 12; seed++) {
            Script script = randomConversation(clientToServer, seed, 12, 70_000);
            byte[] wire = script.wire.toByteArray();
            Random chunks = new Random(seed * 31);
            for (SplitFeeder.Kind kind : SplitFeeder.Kind.values()) {
                RecordingListener listener = new RecordingListener();
                FrameParser parser = parser(listener, clientToServer);
                for (int from = 0; from < wire.length; ) {
                    int to = Math.min(wire.length, from + 1 + chunks.nextInt(chunks.nextBoolean() ? 16 : 9000));
                    ByteBuffer piece = SplitFeeder.buffer(wire, from, to, kind);
                    parser.parse(piece);
                    assertEquals(piece.limit(), piece.position());
                    from = to;
                }
                assertEquals(script.expected, listener.events, "seed " + seed + ", " + kind);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void smallConversationAtEverySplit(boolean clientToServer) {
        Script script = randomConversation(clientToServer, 99, 5, 40);
        SplitFeeder.Outcome outcome = SplitFeeder.feedAllSplits(script.wire.toByteArray(), l -> parser(l, clientToServer));
        assertEquals(0, outcome.errorCode(), outcome.error());
        assertEquals(script.expected, outcome.events());
    }

    @Test
    void everyOpcodeBothSides() {
        for (boolean masked : new boolean[] {true, false}) {
            Script script = new Script(masked, new Random(7));
            script.data(OpCode.TEXT, true, 0, Wire.utf8("héllo"));
            script.data(OpCode.BINARY, false, 0, Wire.bytes("00ff"));
            script.data(OpCode.CONTINUATION, true, 0, Wire.bytes("7f"));
            script.control(OpCode.PING, Wire.ascii("ping"));
            script.control(OpCode.PONG, new byte[125]);
            script.close(4321, "done");
            SplitFeeder.assertEvents(script.wire.toByteArray(), masked ? SplitFeeder.SERVER : SplitFeeder.CLIENT,
                    script.expected.toArray(new String[0]));
        }
    }

    @Test
    void headerWrittenSeparatelyThenPayloadMaskedInPlace() throws ProtocolException {   // the core's gathering write
        byte[] payload = Wire.random(new Random(11), 70_000);
        int key = 0x5EED_0001;
        ByteBuffer out = ByteBuffer.allocateDirect(FrameWriter.headerLength(payload.length, true) + payload.length);
        FrameWriter.writeHeader(out, true, 0, OpCode.BINARY, payload.length, true, key);
        int start = out.position();
        out.put(payload);
        Masker.mask(out, start, out.position(), key, 0);
        RecordingListener listener = new RecordingListener();
        new FrameParser(listener, true, Long.MAX_VALUE).parse(out.flip());
        assertEquals(List.of("BINARY fin=true rsv=0 len=70000", "end fin=true data=" + Wire.hex(payload)), listener.events);
    }
}
