package dev.duplex.benchmarks.load;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers under test: their main class and which jars of {@code server-classpath.txt} (every jar of every
 * server, written at package time) go on their class path. Each runs with ONLY its own jars, because Duplex,
 * Tomcat, Jetty, Undertow and Tyrus all ship {@code jakarta.websocket} service files that would clash.
 */
public enum ServerSpec {
    /** Duplex on Tomcat with duplex-tomcat-integration: Tomcat drives Duplex's upgrade handler on its socket. */
    DUPLEX_TOMCAT("duplex-tomcat", "DuplexTomcatServer", Jars.DUPLEX, Jars.TOMCAT, Jars.DUPLEX_TOMCAT),
    /** Duplex on Tomcat without that jar: the portable servlet non-blocking path. */
    DUPLEX_TOMCAT_PORTABLE("duplex-tomcat-portable", "DuplexTomcatServer", Jars.DUPLEX, Jars.TOMCAT),
    /** Duplex on Tomcat with the other dispatch mode than its default (key duplex.dispatch), for the comparison. */
    DUPLEX_TOMCAT_INLINE("duplex-tomcat-inline", "DuplexTomcatServer", "-Dduplex.dispatch=inline",
            Jars.DUPLEX, Jars.TOMCAT, Jars.DUPLEX_TOMCAT),
    DUPLEX_TOMCAT_EXECUTOR("duplex-tomcat-executor", "DuplexTomcatServer", "-Dduplex.dispatch=executor",
            Jars.DUPLEX, Jars.TOMCAT, Jars.DUPLEX_TOMCAT),
    /** Inline dispatch on Tomcat's read events (duplex.tomcat.readLoop=never), not Duplex's read loop. */
    DUPLEX_TOMCAT_EVENTS("duplex-tomcat-events", "DuplexTomcatServer", "-Dduplex.tomcat.readLoop=never",
            Jars.DUPLEX, Jars.TOMCAT, Jars.DUPLEX_TOMCAT),
    TOMCAT("tomcat", "TomcatOwnServer", Jars.TOMCAT, List.of("tomcat-embed-websocket-")),
    /** Embedded Tomcat and a bare upgraded connection: the baseline for Duplex's own share of idle memory. */
    TOMCAT_BARE("tomcat-bare", "TomcatBareUpgradeServer", Jars.TOMCAT),
    /** Duplex on Undertow with duplex-undertow-integration: the connection taken through Undertow's core API. */
    DUPLEX_UNDERTOW("duplex-undertow", "DuplexUndertowServer", Jars.DUPLEX, Jars.UNDERTOW, Jars.DUPLEX_UNDERTOW),
    /** Duplex on Undertow without that jar: the portable servlet upgrade and non-blocking streams. */
    DUPLEX_UNDERTOW_PORTABLE("duplex-undertow-portable", "DuplexUndertowServer", Jars.DUPLEX, Jars.UNDERTOW),
    /** Duplex on Undertow with inline dispatch (its default there is the executor). */
    DUPLEX_UNDERTOW_INLINE("duplex-undertow-inline", "DuplexUndertowServer", "-Dduplex.dispatch=inline",
            Jars.DUPLEX, Jars.UNDERTOW, Jars.DUPLEX_UNDERTOW),
    UNDERTOW("undertow", "UndertowOwnServer", Jars.UNDERTOW,
            List.of("undertow-websockets-jsr-", "jakarta.websocket-api-", "jakarta.websocket-client-api-")),
    /** Undertow's own with its callbacks on the worker threads (WildFly's default): the peer of Duplex's executor. */
    UNDERTOW_WORKER("undertow-worker", "UndertowOwnServer", "-Dbench.undertow.dispatchToWorker=true", Jars.UNDERTOW,
            List.of("undertow-websockets-jsr-", "jakarta.websocket-api-", "jakarta.websocket-client-api-")),
    /** Embedded Undertow and a bare upgraded connection: the baseline for Duplex's own share on Undertow. */
    UNDERTOW_BARE("undertow-bare", "UndertowBareUpgradeServer", Jars.UNDERTOW),
    DUPLEX_JETTY("duplex-jetty", "DuplexJettyServer", Jars.DUPLEX, Jars.JETTY,
            List.of("duplex-jetty-integration-")),
    JETTY("jetty", "JettyOwnServer", Jars.JETTY, List.of("jetty-", "asm-", "jakarta.")),
    TYRUS("tyrus", "TyrusServer", List.of("tyrus-", "grizzly-", "jakarta.websocket-api-",
            "jakarta.websocket-client-api-", "jakarta.xml.bind-api-", "jakarta.activation-api-")),
    RAW("raw", "RawNioServer");

    /** The reference implementation for ratios, and the floor. */
    public static final ServerSpec REFERENCE = TOMCAT;
    public static final ServerSpec FLOOR = RAW;

    public final String id;
    public final String mainClass;
    /** Extra JVM options of this server (system properties selecting a variant). */
    public final List<String> jvmOptions;
    private final List<String> prefixes = new ArrayList<>();

    @SafeVarargs
    ServerSpec(String id, String main, List<String>... jarPrefixes) {
        this(id, main, null, jarPrefixes);
    }

    @SafeVarargs
    ServerSpec(String id, String main, String jvmOption, List<String>... jarPrefixes) {
        this.id = id;
        this.jvmOptions = jvmOption == null ? List.of() : List.of(jvmOption);
        this.mainClass = "dev.duplex.benchmarks.servers." + main;
        for (List<String> list : jarPrefixes) {
            prefixes.addAll(list);
        }
    }

    /** The servers a run takes when --servers does not say: all but the dispatch-mode variants and bare baselines. */
    public static List<ServerSpec> standard() {
        return java.util.Arrays.stream(values())
                .filter(s -> s != DUPLEX_TOMCAT_INLINE && s != DUPLEX_TOMCAT_EXECUTOR && s != DUPLEX_UNDERTOW_INLINE
                        && s != UNDERTOW_WORKER && s != TOMCAT_BARE && s != UNDERTOW_BARE)
                .toList();
    }

    /** The bare upgraded connections only echo to their sender: they take part in the idle scenario only. */
    public boolean runs(Scenario scenario) {
        return (this != TOMCAT_BARE && this != UNDERTOW_BARE) || scenario.mode() == Scenario.Mode.IDLE;
    }

    public static ServerSpec byId(String id) {
        for (ServerSpec spec : values()) {
            if (spec.id.equals(id)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("no server '" + id + "'");
    }

    /** This server's class path: the benchmark classes, then its own jars out of the build's list. */
    public String classPath(Path buildDir) throws IOException {
        Path list = buildDir.resolve("server-classpath.txt");
        if (!Files.exists(list)) {
            throw new IOException(list + " is missing: build the benchmarks module with package first");
        }
        List<String> path = new ArrayList<>();
        path.add(buildDir.resolve("classes").toString());
        for (String jar : Files.readString(list).trim().split(File.pathSeparator)) {
            String name = Path.of(jar).getFileName().toString();
            if (prefixes.stream().anyMatch(name::startsWith)) {
                path.add(jar);
            }
        }
        return String.join(File.pathSeparator, path);
    }

    /** Jar name prefixes shared by several servers. */
    private static final class Jars {
        static final List<String> DUPLEX = List.of("duplex-api-impl-", "duplex-servlet-integration-",
                "jakarta.websocket-api-", "jakarta.websocket-client-api-");
        static final List<String> TOMCAT = List.of("tomcat-embed-core-", "tomcat-annotations-api-");
        static final List<String> DUPLEX_TOMCAT = List.of("duplex-tomcat-integration-");
        static final List<String> DUPLEX_UNDERTOW = List.of("duplex-undertow-integration-");
        static final List<String> UNDERTOW = List.of("undertow-core-", "undertow-servlet-", "jboss-logging-",
                "xnio-", "wildfly-", "jboss-threads-", "smallrye-common-", "jakarta.servlet-api-",
                "jakarta.annotation-api-");
        static final List<String> JETTY = List.of("jetty-server-", "jetty-http-", "jetty-util-", "jetty-io-",
                "slf4j-api-", "jetty-ee10-servlet-", "jetty-security-", "jetty-session-", "jakarta.servlet-api-");
    }
}
