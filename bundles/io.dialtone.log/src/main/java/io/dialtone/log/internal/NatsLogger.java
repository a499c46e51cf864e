package io.dialtone.log.internal;

import io.dialtone.log.format.LogLine;
import io.dialtone.log.format.LogLevel;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that writes nats-server's line format. */
final class NatsLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient NatsLoggerFactory factory;
    private final boolean ours;

    NatsLogger(String name, NatsLoggerFactory factory) {
        this.name = name;
        this.factory = factory;
        this.ours = name.startsWith("io.dialtone.");
    }

    /**
     * Dialtone's own loggers follow the threshold. Libraries (Jetty, the Web Console, Netty) are framework chatter:
     * only their errors reach the log unless debugging is on.
     */
    private boolean on(LogLevel level) {
        LogLevel threshold = factory.threshold();
        if (!ours && !threshold.admits(LogLevel.DEBUG)) {
            return LogLevel.ERROR.admits(level);
        }
        return threshold.admits(level);
    }

    @Override
    public boolean isTraceEnabled() {
        return on(LogLevel.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return on(LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return on(LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return on(LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return on(LogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        String text = MessageFormatter.basicArrayFormat(pattern, arguments);
        LogLine.write(map(level), text, throwable);
    }

    static LogLevel map(Level level) {
        switch (level) {
            case ERROR:
                return LogLevel.ERROR;
            case WARN:
                return LogLevel.WARN;
            case INFO:
                return LogLevel.INFO;
            case DEBUG:
                return LogLevel.DEBUG;
            default:
                return LogLevel.TRACE;
        }
    }
}
