package io.dialtone.launcher;

import io.dialtone.log.format.LogLevel;
import io.dialtone.log.format.LogLine;
import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** The framework's own messages, in nats-server's lines; only errors unless {@code -D}. */
final class FelixLog extends Logger {

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        LogLevel l = level <= LOG_ERROR ? LogLevel.ERROR : level == LOG_WARNING ? LogLevel.WARN
                : level == LOG_INFO ? LogLevel.INFO : LogLevel.DEBUG;
        String who = bundle != null ? "[" + bundle.getSymbolicName() + "] " : "";
        LogLine.write(l, who + msg, throwable);
    }

    @Override
    protected void doLog(int level, String msg, Throwable throwable) {
        doLog(null, null, level, msg, throwable);
    }
}
