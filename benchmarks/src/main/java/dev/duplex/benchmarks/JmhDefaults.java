package dev.duplex.benchmarks;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** The defaults our JMH report mains add to JMH's own command-line options. */
public final class JmhDefaults {

    private JmhDefaults() {
    }

    /**
     * JMH's options from {@code cli}, plus: JSON raw results in {@code resultFile} unless {@code -rf}/{@code -rff}
     * say otherwise, and the benchmarks matching {@code include} unless a benchmark regex was given.
     */
    public static ChainedOptionsBuilder options(CommandLineOptions cli, String resultFile, String include) {
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (!cli.getResultFormat().hasValue()) {
            options.resultFormat(ResultFormatType.JSON);
        }
        if (!cli.getResult().hasValue()) {
            options.result(resultFile);
        }
        if (cli.getIncludes().isEmpty()) {
            options.include(include);
        }
        return options;
    }
}
