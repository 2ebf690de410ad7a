package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duplex.layering.Layer;
import dev.duplex.layering.LayerTable;
import dev.duplex.layering.PackageCycles;
import dev.duplex.layering.Reference;
import dev.duplex.layering.ScannedSource;
import dev.duplex.layering.SourceScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Enforces the layer table of DESIGN.md §2 with a small import scanner (imports, static imports and
 * fully-qualified names in code) over {@code api-impl/src/main/java} and {@code servlet-integration/src/main/java},
 * and checks that our packages form no cycle. When a layer's allowance changes, change DESIGN.md §2 and
 * {@link LayerTable} together.
 *
 * <p>The second half proves the scanner on synthetic sources, so that a forbidden import is known to fail.
 */
class LayeringTest {

    private static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        return basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
    }

    private static Path apiImplSources() {
        Path sources = moduleDir().resolve("src/main/java");
        assertTrue(Files.isDirectory(sources), "api-impl sources not found at " + sources);
        return sources;
    }

    private static Path servletIntegrationSources() {
        return moduleDir().resolve("../servlet-integration/src/main/java").normalize();
    }

    private static void assertNoViolations(String what, List<String> violations) {
        if (!violations.isEmpty()) {
            fail(what + " breaks DESIGN.md §2 in " + violations.size() + " place(s):\n  "
                    + String.join("\n  ", violations));
        }
    }

    private static List<String> violations(LayerTable table, String file, String source) {
        return table.violations(SourceScanner.scan(file, source));
    }

    // ---- the real tree ----

    @Test
    void apiImplFollowsTheLayerTable() {
        assertNoViolations("api-impl", LayerTable.apiImpl().violations(SourceScanner.scanTree(apiImplSources())));
    }

    @Test
    void servletIntegrationSeesOnlyServerTransportAndHandshake() {
        Path sources = servletIntegrationSources();
        assumeTrue(Files.isDirectory(sources), "no servlet-integration sources at " + sources);
        assertNoViolations("servlet-integration",
                LayerTable.servletIntegration().violations(SourceScanner.scanTree(sources)));
    }

    @Test
    void ourPackagesFormNoCycle() {
        PackageCycles graph = new PackageCycles().add(SourceScanner.scanTree(apiImplSources()));
        Path servlet = servletIntegrationSources();
        if (Files.isDirectory(servlet)) {
            graph.add(SourceScanner.scanTree(servlet));
        }
        assertNoViolations("the package graph", graph.cycles());
    }

    @Test
    void theTableItselfHasNoCycle() {
        List<ScannedSource> rows = new ArrayList<>();
        for (Layer layer : LayerTable.apiImpl().layers().values()) {
            List<Reference> refs = new ArrayList<>();
            layer.ours().forEach(o -> refs.add(new Reference(1, "import", "dev.duplex." + o + ".X", "dev.duplex." + o)));
            rows.add(new ScannedSource(layer.name(), "dev.duplex." + layer.name(), 1, refs));
        }
        assertEquals(List.of(), new PackageCycles().add(rows).cycles());
    }

    @Test
    void tableMatchesDesignSection2() {
        Map<String, Layer> t = LayerTable.apiImpl().layers();
        Set<String> all = Set.of("frame", "transport", "extension", "core", "coder", "session", "pojo", "handshake");
        assertEquals(Set.of("frame", "transport", "handshake", "extension", "core", "coder", "session", "pojo",
                "server", "client"), t.keySet());
        assertEquals(Set.of(), t.get("frame").ours());
        assertEquals(Set.of(), t.get("transport").ours());
        assertEquals(Set.of(), t.get("handshake").ours());
        assertEquals(Set.of("frame"), t.get("extension").ours());
        assertEquals(Set.of("frame", "extension", "transport"), t.get("core").ours());
        assertEquals(Set.of(), t.get("coder").ours());
        assertEquals(Set.of("core", "frame", "coder"), t.get("session").ours());
        assertEquals(Set.of("session", "coder"), t.get("pojo").ours());
        assertEquals(all, t.get("server").ours());
        assertEquals(all, t.get("client").ours());
        assertEquals(Set.of("jakarta.websocket", "jakarta.websocket.server"), t.get("server").jakarta());
        assertEquals(Set.of("jakarta.websocket"), t.get("client").jakarta());
    }

    // ---- the scanner and the rules on synthetic sources ----

    @Test
    void frameImportingJakartaSessionFailsNamingFileLineAndImport() {
        List<String> v = violations(LayerTable.apiImpl(), "dev/duplex/frame/Frame.java",
                "package dev.duplex.frame;\n\nimport java.util.List;\nimport jakarta.websocket.Session;\n\nclass Frame {}\n");
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("dev/duplex/frame/Frame.java:4: import jakarta.websocket.Session is forbidden"),
                v.get(0));
        assertTrue(v.get(0).contains("no jakarta.*"), v.get(0));
    }

    @Test
    void bottomLayersMayNotImportOtherLayersOfOurs() {
        assertEquals(1, violations(LayerTable.apiImpl(), "F.java",
                "package dev.duplex.frame;\nimport dev.duplex.core.Connection;\nclass F {}").size());
        assertEquals(1, violations(LayerTable.apiImpl(), "T.java",
                "package dev.duplex.transport;\nimport dev.duplex.frame.Frame;\nclass T {}").size());
        assertEquals(1, violations(LayerTable.apiImpl(), "H.java",
                "package dev.duplex.handshake;\nimport dev.duplex.frame.*;\nclass H {}").size());
    }

    @Test
    void staticImportIsChecked() {
        List<String> v = violations(LayerTable.apiImpl(), "C.java",
                "package dev.duplex.core;\nimport static jakarta.websocket.CloseReason.CloseCodes.NORMAL_CLOSURE;\n");
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("C.java:2: import static jakarta.websocket.CloseReason.CloseCodes"), v.get(0));
    }

    @Test
    void fullyQualifiedNameInCodeIsChecked() {
        List<String> v = violations(LayerTable.apiImpl(), "E.java", "package dev.duplex.extension;\n"
                + "class E {\n  void f(\n    jakarta.websocket.Session s) {\n"
                + "    Object o = new dev.duplex.core.Connection();\n  }\n}\n");
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("E.java:4: qualified name jakarta.websocket.Session"), v.get(0));
        assertTrue(v.get(1).startsWith("E.java:5: qualified name dev.duplex.core.Connection"), v.get(1));
    }

    @Test
    void annotationWithQualifiedNameIsChecked() {
        assertEquals(1, violations(LayerTable.apiImpl(), "P.java",
                "package dev.duplex.session;\n@jakarta.websocket.server.ServerEndpoint(\"/x\") class P {}").size());
    }

    @Test
    void commentsAndLiteralsAreNotReferences() {
        assertEquals(List.of(), violations(LayerTable.apiImpl(), "F.java", "package dev.duplex.frame;\n"
                + "// import jakarta.websocket.Session;\n/* import dev.duplex.core.X; */\n"
                + "/** See {@link jakarta.websocket.Session}. */\n"
                + "class F { String s = \"jakarta.websocket.Session\"; char q = '\"';\n"
                + "  String t = \"\"\"\n    dev.duplex.core.Connection \\\"\"\" still text\n    \"\"\"; }\n"));
    }

    @Test
    void scannerKeepsLineNumbersAcrossCommentsAndTextBlocks() {
        ScannedSource s = SourceScanner.scan("X.java", "/* a\n b */\npackage dev.duplex.core;\n"
                + "String t = \"\"\"\n x\n y\n \"\"\";\nimport dev.duplex.frame.Frame;\n");
        assertEquals(3, s.packageLine());
        assertEquals(List.of(new Reference(8, "import", "dev.duplex.frame.Frame", "dev.duplex.frame")), s.references());
    }

    @Test
    void scannerResolvesPackagesOfNestedTypesWildcardsAndMembers() {
        ScannedSource s = SourceScanner.scan("X.java", "package dev.duplex.server;\n"
                + "import jakarta.websocket.server.ServerEndpointConfig.Configurator;\n"
                + "import jakarta.websocket.*;\nimport static dev.duplex.frame.Opcode.*;\n"
                + "import dev.duplex.extension.deflate.Deflater;\n");
        assertEquals(List.of("jakarta.websocket.server", "jakarta.websocket", "dev.duplex.frame",
                "dev.duplex.extension.deflate"), s.references().stream().map(Reference::targetPackage).toList());
    }

    @Test
    void allowedImportsAndOwnSubPackagesPass() {
        assertEquals(List.of(), violations(LayerTable.apiImpl(), "C.java", "package dev.duplex.core.queue;\n"
                + "import dev.duplex.core.Connection;\nimport dev.duplex.frame.Frame;\n"
                + "import dev.duplex.extension.deflate.Deflater;\nimport dev.duplex.transport.Transport;\n"
                + "import java.util.List;\nimport javax.net.ssl.SSLEngine;\n"));
    }

    @Test
    void jakartaPackagesAreMatchedExactly() {
        assertEquals(List.of(), violations(LayerTable.apiImpl(), "S.java",
                "package dev.duplex.server;\nimport jakarta.websocket.server.ServerEndpoint;\n"));
        assertEquals(1, violations(LayerTable.apiImpl(), "S.java",
                "package dev.duplex.session;\nimport jakarta.websocket.server.ServerEndpoint;\n").size());
        assertEquals(1, violations(LayerTable.apiImpl(), "C.java",
                "package dev.duplex.client;\nimport jakarta.websocket.server.ServerContainer;\n").size());
        assertEquals(1, violations(LayerTable.apiImpl(), "S.java",
                "package dev.duplex.server;\nimport jakarta.servlet.http.HttpServletRequest;\n").size());
    }

    @Test
    void upperLayersFollowTheTableExactly() {
        assertEquals(1, violations(LayerTable.apiImpl(), "P.java",
                "package dev.duplex.pojo;\nimport dev.duplex.core.Connection;\n").size());
        assertEquals(1, violations(LayerTable.apiImpl(), "C.java",
                "package dev.duplex.client;\nimport dev.duplex.server.Registry;\n").size());
        assertEquals(1, violations(LayerTable.apiImpl(), "S.java",
                "package dev.duplex.server;\nimport dev.duplex.client.Client;\n").size());
        assertEquals(List.of(), violations(LayerTable.apiImpl(), "C.java", "package dev.duplex.client;\n"
                + "import dev.duplex.handshake.AcceptKey;\nimport dev.duplex.transport.Transport;\n"
                + "import dev.duplex.pojo.EndpointModel;\nimport jakarta.websocket.ClientEndpointConfig;\n"));
    }

    @Test
    void foreignLibraryIsForbidden() {
        List<String> v = violations(LayerTable.apiImpl(), "F.java",
                "package dev.duplex.frame;\nimport org.slf4j.Logger;\n");
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("org.slf4j"), v.get(0));
    }

    @Test
    void unknownPackageFailsAskingToExtendTheTable() {
        List<String> v = violations(LayerTable.apiImpl(), "dev/duplex/foo/Foo.java", "package dev.duplex.foo;\nclass Foo {}");
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("dev/duplex/foo/Foo.java:1: package dev.duplex.foo is in no layer"), v.get(0));
        assertTrue(v.get(0).contains("add it to DESIGN.md §2 and to LayeringTest"), v.get(0));
        assertEquals(1, violations(LayerTable.apiImpl(), "D.java", "package dev.duplex;\nclass D {}").size());
        assertEquals(1, violations(LayerTable.apiImpl(), "D.java", "class D {}").size());
    }

    @Test
    void servletIntegrationMayUseOnlyServerTransportHandshakeOfOurs() {
        assertEquals(List.of(), violations(LayerTable.servletIntegration(), "U.java", "package dev.duplex.servlet.upgrade;\n"
                + "import dev.duplex.servlet.Guard;\nimport dev.duplex.server.Registry;\n"
                + "import dev.duplex.transport.Transport;\nimport dev.duplex.handshake.UpgradeRequestCheck;\n"
                + "import jakarta.servlet.http.HttpUpgradeHandler;\nimport jakarta.websocket.server.ServerContainer;\n"));
        List<String> v = violations(LayerTable.servletIntegration(), "U.java",
                "package dev.duplex.servlet;\nimport dev.duplex.core.Connection;\nimport dev.duplex.session.WsSession;\n");
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("U.java:2: import dev.duplex.core.Connection"), v.get(0));
        assertEquals(1, violations(LayerTable.servletIntegration(), "X.java", "package dev.duplex.server;\n").size());
    }

    @Test
    void cyclesAreFoundAndNamed() {
        List<ScannedSource> sources = List.of(
                SourceScanner.scan("A.java", "package dev.duplex.extension;\nimport dev.duplex.extension.deflate.D;\n"),
                SourceScanner.scan("D.java", "package dev.duplex.extension.deflate;\n\nimport dev.duplex.extension.A;\n"),
                SourceScanner.scan("F.java", "package dev.duplex.frame;\nimport java.util.List;\n"));
        List<String> cycles = new PackageCycles().add(sources).cycles();
        assertEquals(List.of("package cycle: dev.duplex.extension -> dev.duplex.extension.deflate -> dev.duplex.extension"
                + " (dev.duplex.extension -> dev.duplex.extension.deflate at A.java:2;"
                + " dev.duplex.extension.deflate -> dev.duplex.extension at D.java:3)"), cycles);
    }

    @Test
    void acyclicGraphHasNoCycles() {
        List<ScannedSource> sources = List.of(
                SourceScanner.scan("C.java", "package dev.duplex.core;\nimport dev.duplex.frame.F;\nimport dev.duplex.extension.E;\n"),
                SourceScanner.scan("E.java", "package dev.duplex.extension;\nimport dev.duplex.frame.F;\n"));
        assertEquals(List.of(), new PackageCycles().add(sources).cycles());
    }
}
