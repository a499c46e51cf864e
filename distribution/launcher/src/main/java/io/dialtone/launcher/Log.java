package io.dialtone.launcher;

import io.dialtone.log.format.LogLevel;
import io.dialtone.log.format.LogLine;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The launcher's side of logging: points {@link System#err} at the {@code -l} file, sets the level the bundles' SLF4J
 * provider reads, and routes java.util.logging (used by Felix FileInstall) into the same lines.
 */
final class Log {

    private static volatile String file;
    private static volatile LogLevel threshold = LogLevel.INFO;

    private Log() {
    }

    static void configure(Flags flags) throws IOException {
        boolean trace = flags.bool("trace") || flags.bool("VV") || flags.bool("DV") || flags.bool("DVV");
        boolean debug = flags.bool("debug") || flags.bool("DV") || flags.bool("DVV");
        threshold = trace ? LogLevel.TRACE : debug ? LogLevel.DEBUG : LogLevel.INFO;
        System.setProperty(LogLevel.PROPERTY, threshold.tag());
        if (flags.has("logtime")) {
            System.setProperty(LogLine.TIME_PROPERTY, flags.string("logtime", "true"));
        }
        file = flags.string("log", null);
        reopen();
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new JulHandler());
        root.setLevel(debug || trace ? Level.FINE : Level.INFO);
    }

    /** Opens the {@code -l} file again (after log rotation: {@code -sl reopen}). */
    static void reopen() throws IOException {
        String f = file;
        if (f != null) {
            PrintStream old = System.err;
            System.setErr(new PrintStream(new FileOutputStream(f, true), true, "UTF-8"));
            if (old != null && old != Server.ORIGINAL_ERR) {
                old.close();
            }
        }
    }

    static boolean debug() {
        return threshold.admits(LogLevel.DEBUG);
    }

    static void info(String text) {
        LogLine.write(LogLevel.INFO, text, null);
    }

    static void warn(String text) {
        LogLine.write(LogLevel.WARN, text, null);
    }

    static void error(String text, Throwable t) {
        LogLine.write(LogLevel.ERROR, text, t);
    }

    static void fatal(String text, Throwable t) {
        LogLine.write(LogLevel.FATAL, text, t);
    }

    static void debug(String text) {
        if (debug()) {
            LogLine.write(LogLevel.DEBUG, text, null);
        }
    }

    /** java.util.logging into nats-server lines. */
    private static final class JulHandler extends Handler {
        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            int v = r.getLevel().intValue();
            LogLevel l = v >= Level.SEVERE.intValue() ? LogLevel.ERROR
                    : v >= Level.WARNING.intValue() ? LogLevel.WARN
                    : v >= Level.INFO.intValue() ? LogLevel.INFO : LogLevel.DEBUG;
            if (threshold.admits(l)) {
                String msg = r.getMessage();
                if (r.getParameters() != null && msg != null && msg.contains("{0")) {
                    msg = java.text.MessageFormat.format(msg, r.getParameters());
                }
                LogLine.write(l, msg, r.getThrown());
            }
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
        }
    }
}
