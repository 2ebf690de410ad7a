package dev.duplex.layering;

import java.util.List;

/**
 * What {@link SourceScanner} found in one Java source file. Immutable.
 *
 * @param file the file as named in messages (a path relative to the scanned root, or a synthetic name)
 * @param packageName the declared package, or null when the file declares none
 * @param packageLine the line of the package declaration, 1 when there is none
 * @param references imports and fully-qualified references, in source order
 */
public record ScannedSource(String file, String packageName, int packageLine, List<Reference> references) {

    public ScannedSource {
        references = List.copyOf(references);
    }
}
