package io.dialtone.launcher;

import io.dialtone.launcher.Flags.FlagException;
import io.dialtone.launcher.Flags.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code bin/dialtone}: takes nats-server's command line. Answers {@code --help}, {@code --version} and
 * {@code --signal} without starting anything; otherwise hands over to {@link Server}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Flags flags;
        try {
            flags = Flags.parse(args);
            if (!flags.rest().isEmpty()) {
                throw new FlagException("unexpected argument: " + flags.rest().get(0));
            }
        } catch (FlagException e) {
            err.println(e.getMessage());
            err.print(usage());
            return 2;
        }
        if (flags.bool("help")) {
            out.print(usage());
            return 0;
        }
        if (flags.bool("version")) {
            out.println("dialtone: v" + version().dialtone() + " (implements nats-server v" + version().nats() + ")");
            return 0;
        }
        if (flags.bool("help_tls")) {
            out.print(TLS_USAGE);
            return 0;
        }
        if (flags.has("signal")) {
            return Signals.send(flags.string("signal", ""), out, err);
        }
        if (flags.bool("check") && !flags.has("config")) {
            err.println("dialtone: must specify [-c, --config] option to check configuration file syntax");
            return 1;
        }
        io.dialtone.config.file.ServerConfiguration config = io.dialtone.config.file.ServerConfiguration.empty();
        if (flags.has("config")) {
            try {
                Path file = Path.of(flags.string("config", ""));
                config = ConfigFile.load(file);
                flags = ConfigFile.merge(flags, config, file);
            } catch (ConfigFile.Invalid e) {
                e.problems().forEach(p -> err.println("dialtone: " + p));
                return 1;
            }
            if (flags.bool("check")) {
                out.println("dialtone: configuration file " + Path.of(flags.string("config", "")).getFileName()
                        + " is valid");
                return 0;
            }
        }
        Spec missing = flags.firstUnsupported();
        if (missing != null) {
            err.println("dialtone: flag -" + String.join("/--", missing.names()) + " is not supported yet: "
                    + missing.missing());
            return 1;
        }
        java.util.Map<String, String> launch;
        try {
            launch = new java.util.LinkedHashMap<>(ConfigFile.tls(flags, config));
            launch.putAll(ConfigFile.cluster(flags, config));
        } catch (ConfigFile.Invalid e) {
            e.problems().forEach(p -> err.println("dialtone: " + p));
            return 1;
        }
        return new Server(flags, version(), launch).run();
    }

    static final String TLS_USAGE = """
            TLS Options:
                --tls                        Enable TLS, do not verify clients (default: false)
                --tlscert <file>             Server certificate file
                --tlskey <file>              Private key for server certificate
                --tlsverify                  Enable TLS, verify client certificates
                --tlscacert <file>           Client certificate CA for verification
            """;

    static String usage() {
        try (InputStream in = Main.class.getResourceAsStream("/usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Dialtone's version and the nats-server version it implements, from the build. */
    record Version(String dialtone, String nats) {
    }

    static Version version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/dialtone-version.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Version(p.getProperty("dialtone.version"), p.getProperty("dialtone.nats.version"));
    }
}
