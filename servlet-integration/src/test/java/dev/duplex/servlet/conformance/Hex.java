package dev.duplex.servlet.conformance;

/** Hex dumps for failure messages, so a report can quote the exact bytes. */
final class Hex {

    private Hex() {
    }

    /** The first {@code max} bytes as {@code "81 85 ..."}, with a count of the rest. */
    static String of(byte[] bytes, int max) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(bytes.length, max);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02X", bytes[i] & 0xFF));
        }
        if (bytes.length > shown) {
            sb.append(" ... (+").append(bytes.length - shown).append(" bytes)");
        }
        return sb.toString();
    }
}
