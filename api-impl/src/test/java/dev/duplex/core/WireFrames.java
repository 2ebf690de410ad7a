package dev.duplex.core;

import dev.duplex.frame.FrameParser;
import dev.duplex.frame.FrameWriter;
import dev.duplex.frame.OpCode;
import dev.duplex.frame.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds client frames and decodes server output for core tests, as short strings like "TEXT fin abc". */
final class WireFrames {

    private WireFrames() {
    }

    static byte[] clientFrame(boolean fin, int opcode, byte[] payload) {
        ByteBuffer frame = FrameWriter.encode(fin, 0, opcode, ByteBuffer.wrap(payload), true, 0x37fa213d);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    static byte[] clientText(String text) {
        return clientFrame(true, OpCode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] clientClose(int code, String reason) {
        ByteBuffer p = dev.duplex.frame.CloseCodes.payload(code, reason);
        byte[] payload = new byte[p.remaining()];
        p.get(payload);
        return clientFrame(true, OpCode.CLOSE, payload);
    }

    /** Server frames (unmasked) as "OPCODE fin|more payload-as-text" or "CLOSE code reason". */
    static List<String> decode(byte[] serverBytes) throws ProtocolException {
        List<String> frames = new ArrayList<>();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int[] opcode = new int[1];
        FrameParser parser = new FrameParser(new FrameParser.Listener() {
            @Override
            public void onDataFrameStart(int op, boolean fin, int rsv, long length) {
                opcode[0] = op;
                payload.reset();
            }

            @Override
            public void onDataPayload(ByteBuffer p) {
                byte[] b = new byte[p.remaining()];
                p.get(b);
                payload.write(b, 0, b.length);
            }

            @Override
            public void onDataFrameEnd(boolean fin) {
                frames.add(OpCode.name(opcode[0]) + (fin ? " fin " : " more ")
                        + payload.toString(StandardCharsets.UTF_8));
            }

            @Override
            public void onPing(ByteBuffer p) {
                frames.add("PING " + StandardCharsets.UTF_8.decode(p));
            }

            @Override
            public void onPong(ByteBuffer p) {
                frames.add("PONG " + StandardCharsets.UTF_8.decode(p));
            }

            @Override
            public void onClose(int code, String reason) {
                frames.add("CLOSE " + code + " " + reason);
            }
        }, false, Long.MAX_VALUE);
        parser.parse(ByteBuffer.wrap(serverBytes));
        return frames;
    }
}
