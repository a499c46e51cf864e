package io.dialtone.log.format;

import java.util.Locale;

/** nats-server's log levels, most severe first, with the three-letter tags it prints. */
public enum LogLevel {
    FATAL("FTL"), ERROR("ERR"), WARN("WRN"), INFO("INF"), DEBUG("DBG"), TRACE("TRC");

    /** System (and framework) property holding the threshold's tag: {@code INF}, {@code DBG} or {@code TRC}. */
    public static final String PROPERTY = "dialtone.log.level";

    private final String tag;

    LogLevel(String tag) {
        this.tag = tag;
    }

    /** The three-letter tag printed between brackets. */
    public String tag() {
        return tag;
    }

    /** Whether a message at {@code level} passes this threshold. */
    public boolean admits(LogLevel level) {
        return level.ordinal() <= ordinal();
    }

    /** The threshold named by a tag or an enum name, {@code fallback} when it names none. */
    public static LogLevel parse(String name, LogLevel fallback) {
        if (name == null) {
            return fallback;
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (LogLevel l : values()) {
            if (l.tag.equals(n) || l.name().equals(n)) {
                return l;
            }
        }
        return fallback;
    }

    /** The threshold the process was started with. */
    public static LogLevel configured() {
        return parse(System.getProperty(PROPERTY), INFO);
    }
}
