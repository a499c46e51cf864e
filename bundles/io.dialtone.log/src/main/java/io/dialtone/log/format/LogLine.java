package io.dialtone.log.format;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One log line in nats-server's format: {@code [pid] yyyy/mm/dd hh:mm:ss.uuuuuu [INF] text}. Tools and test
 * harnesses wait for nats-server's start-up lines in exactly this shape.
 *
 * <p>The launcher uses this class from its class path and the framework's bundles through SLF4J, so both write the
 * same lines to the same stream ({@link System#err}, which the launcher points at the {@code -l} file).
 */
public final class LogLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS");
    private static final String PREFIX = "[" + ProcessHandle.current().pid() + "] ";

    /** System property: {@code false} leaves the time out of each line ({@code -T=false}). */
    public static final String TIME_PROPERTY = "dialtone.log.time";

    private LogLine() {
    }

    /** Formats one line, without the line end. */
    public static String format(LogLevel level, String text) {
        String time = "false".equals(System.getProperty(TIME_PROPERTY)) ? "" : TIME.format(LocalDateTime.now()) + " ";
        return PREFIX + time + "[" + level.tag() + "] " + text;
    }

    /** Writes one line, and the stack trace of {@code error} when there is one, to {@link System#err}. */
    public static void write(LogLevel level, String text, Throwable error) {
        PrintStream out = System.err;
        String line = format(level, text);
        synchronized (out) {
            out.println(line);
            if (error != null) {
                error.printStackTrace(out);
            }
        }
    }
}
