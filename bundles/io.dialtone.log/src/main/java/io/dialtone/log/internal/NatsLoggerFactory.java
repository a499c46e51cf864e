package io.dialtone.log.internal;

import io.dialtone.log.format.LogLevel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** Hands out one {@link NatsLogger} per name; all share one threshold. */
final class NatsLoggerFactory implements ILoggerFactory {

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private volatile LogLevel threshold = LogLevel.configured();

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new NatsLogger(n, this));
    }

    LogLevel threshold() {
        return threshold;
    }

    void threshold(LogLevel level) {
        threshold = level;
    }
}
