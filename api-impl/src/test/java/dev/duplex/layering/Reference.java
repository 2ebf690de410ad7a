package dev.duplex.layering;

/**
 * One reference from a source file to another package: an {@code import}, an {@code import static} or a
 * fully-qualified name in the code body. Immutable.
 *
 * @param line 1-based line of the reference in its file
 * @param kind "import", "import static" or "qualified name"
 * @param name the referenced name as written, e.g. {@code jakarta.websocket.Session}
 * @param targetPackage the package that name lives in, e.g. {@code jakarta.websocket}
 */
public record Reference(int line, String kind, String name, String targetPackage) {

    /** How the reference reads in a failure message, e.g. {@code import jakarta.websocket.Session}. */
    public String describe() {
        return kind.equals("qualified name") ? "qualified name " + name : kind + " " + name;
    }
}
