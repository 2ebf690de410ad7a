package dev.duplex.layering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A small import scanner for Java sources: finds the package declaration, every {@code import} and
 * {@code import static}, and fully-qualified {@code dev.duplex.*} / {@code jakarta.*} names in the code body.
 * Comments, string, character and text-block literals are blanked first (keeping line breaks), so a
 * commented-out import or a class name inside a string is not a reference.
 *
 * <p>Stateless; used from the test thread only.
 */
public final class SourceScanner {

    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w$.\\s]+?)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("\\bimport\\s+(static\\s+)?([\\w$.\\s]+?(?:\\.\\s*\\*)?)\\s*;");
    /** A qualified name rooted in one of our packages or in Jakarta, not itself a member access. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w$.])((?:dev\\.duplex|jakarta)(?:\\.[A-Za-z_$][\\w$]*)+)");

    private SourceScanner() {
    }

    /** Scans every {@code .java} file under {@code root} (except {@code module-info.java}), sorted by path. */
    public static List<ScannedSource> scanTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> sources = files
                    .filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java"))
                    .sorted()
                    .collect(Collectors.toList());
            List<ScannedSource> scanned = new ArrayList<>();
            for (Path source : sources) {
                String text = Files.readString(source, StandardCharsets.UTF_8);
                scanned.add(scan(root.relativize(source).toString(), text));
            }
            return scanned;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + root, e);
        }
    }

    /** Scans one source text; {@code file} names it in messages. */
    public static ScannedSource scan(String file, String source) {
        StringBuilder code = new StringBuilder(blankCommentsAndLiterals(source));
        String packageName = null;
        int packageLine = 1;
        Matcher pkg = PACKAGE.matcher(code);
        if (pkg.find()) {
            packageName = noSpace(pkg.group(1));
            packageLine = lineOf(code, pkg.start(1));
            blank(code, pkg.start(), pkg.end());
        }
        List<Reference> references = new ArrayList<>();
        Matcher imp = IMPORT.matcher(code);
        List<int[]> importSpans = new ArrayList<>();
        while (imp.find()) {
            boolean isStatic = imp.group(1) != null;
            String name = noSpace(imp.group(2));
            boolean wildcard = name.endsWith(".*");
            String bare = wildcard ? name.substring(0, name.length() - 2) : name;
            references.add(new Reference(lineOf(code, imp.start(2)), isStatic ? "import static" : "import", name,
                    packageOf(bare, wildcard)));
            importSpans.add(new int[] {imp.start(), imp.end()});
        }
        importSpans.forEach(span -> blank(code, span[0], span[1]));
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            String name = qualified.group(1);
            references.add(new Reference(lineOf(code, qualified.start(1)), "qualified name", name,
                    packageOf(name, false)));
        }
        references.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new ScannedSource(file, packageName, packageLine, references);
    }

    /**
     * The package of a qualified name by the Java naming convention: the leading segments before the first one
     * that starts with an upper-case letter ({@code jakarta.websocket.CloseReason.CloseCode} is in
     * {@code jakarta.websocket}). An all-lower-case name is a package when it was a wildcard import, else its
     * last segment is taken for a type or member.
     */
    static String packageOf(String qualifiedName, boolean wildcard) {
        String[] segments = qualifiedName.split("\\.");
        List<String> pkg = new ArrayList<>();
        for (String segment : segments) {
            if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0))) {
                return String.join(".", pkg);
            }
            pkg.add(segment);
        }
        if (!wildcard && pkg.size() > 1) {
            pkg.remove(pkg.size() - 1);
        }
        return String.join(".", pkg);
    }

    /**
     * The source with comments and string, character and text-block literals replaced by spaces; line breaks
     * stay, so offsets and line numbers are unchanged.
     */
    static String blankCommentsAndLiterals(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                int end = src.indexOf('\n', i);
                i = blankTo(src, out, i, end < 0 ? n : end);
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = blankTo(src, out, i, end < 0 ? n : end + 2);
            } else if (src.startsWith("\"\"\"", i)) {
                i = blankTo(src, out, i, endOfLiteral(src, i + 3, "\"\"\""));
            } else if (c == '"' || c == '\'') {
                i = blankTo(src, out, i, endOfLiteral(src, i + 1, String.valueOf(c)));
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Index just past the closing {@code quote} of a literal whose body starts at {@code from}. */
    private static int endOfLiteral(String src, int from, String quote) {
        int i = from;
        while (i < src.length()) {
            if (src.charAt(i) == '\\') {
                i += 2;
            } else if (src.startsWith(quote, i)) {
                return i + quote.length();
            } else if (src.charAt(i) == '\n' && quote.length() == 1) {
                return i; // an unterminated one-line literal: stop at the line end
            } else {
                i++;
            }
        }
        return src.length();
    }

    private static int blankTo(String src, StringBuilder out, int from, int to) {
        int end = Math.min(to, src.length());
        for (int i = from; i < end; i++) {
            char c = src.charAt(i);
            out.append(c == '\n' || c == '\r' ? c : ' ');
        }
        return end;
    }

    private static void blank(StringBuilder code, int from, int to) {
        for (int i = from; i < to; i++) {
            if (code.charAt(i) != '\n' && code.charAt(i) != '\r') {
                code.setCharAt(i, ' ');
            }
        }
    }

    private static int lineOf(CharSequence text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String noSpace(String s) {
        return s.replaceAll("\\s+", "");
    }
}
