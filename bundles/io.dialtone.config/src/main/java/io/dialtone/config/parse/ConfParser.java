package io.dialtone.config.parse;

import io.dialtone.config.parse.internal.Parser;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Parses nats-server configuration files (the dialect of nats-server 2.9's {@code conf} package):
 * {@code key: value}, {@code key = value} and {@code key value}; maps {@code { }} and arrays {@code [ ]};
 * {@code #} and {@code //} comments; quoted, bare and block {@code ( )} strings; booleans, integers with size
 * suffixes, floats and ISO-8601 Zulu datetimes; {@code include} and {@code $variables}.
 *
 * <p>Values come out as {@link String}, {@link Long}, {@link Double}, {@link Boolean},
 * {@link java.time.Instant}, {@link ConfList} and {@link ConfMap}. Durations stay strings (see
 * {@link Durations}). The static methods read variables from the process environment;
 * {@link #withEnvironment(Function)} gives a parser with another environment.
 *
 * <p>Where nats-server 2.9 silently accepts a broken file, this parser rejects it: an unknown size suffix
 * ({@code 1kbb}), a suffix that overflows ({@code 10e}), a key without a value, an include cycle.
 * Instances are immutable and thread-safe.
 */
public final class ConfParser {

    private static final ConfParser SYSTEM = new ConfParser(System::getenv);

    private final Function<String, String> environment;

    private ConfParser(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * @param environment looks up environment variables for {@code $NAME} references that no enclosing map
     *                    defines; returns {@code null} for an unset variable
     * @return a parser using that environment
     */
    public static ConfParser withEnvironment(Function<String, String> environment) {
        return new ConfParser(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * Parses a file with the process environment; includes resolve against the file's directory.
     *
     * @param file the configuration file
     * @return its content, in file order
     * @throws ConfException if the file or an included file cannot be read or parsed
     */
    public static ConfMap parse(Path file) throws ConfException {
        return SYSTEM.parseFile(file);
    }

    /**
     * Parses text with the process environment.
     *
     * @param text       the configuration
     * @param baseDir    directory that includes resolve against; {@code null} for the working directory
     * @param sourceName name used in positions and messages, e.g. a file name; {@code null} for {@code "<text>"}
     * @return its content, in text order
     * @throws ConfException if the text or an included file cannot be parsed
     */
    public static ConfMap parse(String text, Path baseDir, String sourceName) throws ConfException {
        return SYSTEM.parseText(text, baseDir, sourceName);
    }

    /**
     * Instance form of {@link #parse(Path)}.
     *
     * @param file the configuration file
     * @return its content, in file order
     * @throws ConfException if the file or an included file cannot be read or parsed
     */
    public ConfMap parseFile(Path file) throws ConfException {
        return Parser.parseFile(Objects.requireNonNull(file, "file"), environment);
    }

    /**
     * Instance form of {@link #parse(String, Path, String)}.
     *
     * @param text       the configuration
     * @param baseDir    directory that includes resolve against; {@code null} for the working directory
     * @param sourceName name used in positions and messages; {@code null} for {@code "<text>"}
     * @return its content, in text order
     * @throws ConfException if the text or an included file cannot be parsed
     */
    public ConfMap parseText(String text, Path baseDir, String sourceName) throws ConfException {
        return Parser.parseText(Objects.requireNonNull(text, "text"), baseDir,
                sourceName != null ? sourceName : "<text>", environment);
    }
}
