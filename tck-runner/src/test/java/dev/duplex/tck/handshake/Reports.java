package dev.duplex.tck.handshake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the reports that test endpoints and servlets send: {@code key=value} entries separated by new lines or
 * {@code ';'} (keys must not contain either; a value runs to the next separator).
 */
public final class Reports {

    private Reports() {
    }

    /** The entries of a report, in order. */
    public static Map<String, String> parse(String report, char separator) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : report.split(separator == '\n' ? "\r?\n" : java.util.regex.Pattern.quote(
                String.valueOf(separator)))) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                map.put(entry.substring(0, eq).trim(), entry.substring(eq + 1));
            }
        }
        return map;
    }

    /** The entries of a line-separated report. */
    public static Map<String, String> lines(String report) {
        return parse(report, '\n');
    }
}
