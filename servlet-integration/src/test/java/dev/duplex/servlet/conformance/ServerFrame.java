package dev.duplex.servlet.conformance;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** One frame as the server sent it, already checked to be unmasked with RSV bits clear. */
record ServerFrame(boolean fin, int opcode, byte[] payload) {

    boolean isClose() {
        return opcode == ClientFrames.CLOSE;
    }

    /** The close status code, or -1 when the close frame has no payload. */
    int closeCode() {
        if (payload.length < 2) {
            return -1;
        }
        return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
    }

    /** The close reason, or a marker when it is not valid UTF-8. */
    String closeReason() {
        if (payload.length <= 2) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload, 2, payload.length - 2)).toString();
        } catch (CharacterCodingException e) {
            return "<invalid UTF-8 reason>";
        }
    }

    String describe() {
        String head = opName(opcode) + (fin ? "" : "(FIN=0)") + " " + payload.length + " bytes";
        if (isClose()) {
            return head + " code=" + closeCode() + " reason='" + closeReason() + "'";
        }
        return head + " [" + Hex.of(payload, 24) + "]";
    }

    static String opName(int opcode) {
        return switch (opcode) {
            case ClientFrames.CONTINUATION -> "CONTINUATION";
            case ClientFrames.TEXT -> "TEXT";
            case ClientFrames.BINARY -> "BINARY";
            case ClientFrames.CLOSE -> "CLOSE";
            case ClientFrames.PING -> "PING";
            case ClientFrames.PONG -> "PONG";
            default -> "OPCODE-0x" + Integer.toHexString(opcode);
        };
    }
}
