package io.dialtone.log.internal;

import io.dialtone.log.format.LogLine;
import io.dialtone.log.format.LogLevel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLineTest {

    private static final String NATS_LINE = "\\[\\d+\\] \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} \\[%s\\] %s";

    @Test
    void formatsLikeNatsServer() {
        String line = LogLine.format(LogLevel.INFO, "Server is ready");
        assertTrue(line.matches(String.format(NATS_LINE, "INF", "Server is ready")), line);
        assertTrue(line.startsWith("[" + ProcessHandle.current().pid() + "] "), line);
    }

    @Test
    void thresholdAdmitsMoreSevereLevels() {
        assertTrue(LogLevel.INFO.admits(LogLevel.ERROR));
        assertTrue(LogLevel.INFO.admits(LogLevel.INFO));
        assertFalse(LogLevel.INFO.admits(LogLevel.DEBUG));
        assertTrue(LogLevel.TRACE.admits(LogLevel.DEBUG));
        assertEquals(LogLevel.DEBUG, LogLevel.parse("dbg", LogLevel.INFO));
        assertEquals(LogLevel.INFO, LogLevel.parse("nonsense", LogLevel.INFO));
    }

    @Test
    void slf4jFindsTheProviderAndWritesToStderr() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LoggerFactory.getLogger("io.dialtone.test").info("Listening for client connections on {}:{}", "0.0.0.0", 4222);
            LoggerFactory.getLogger("io.dialtone.test").debug("not shown at INF");
            LoggerFactory.getLogger("org.eclipse.jetty.Server").warn("library chatter is not shown at INF");
        } finally {
            System.setErr(saved);
        }
        String out = captured.toString(StandardCharsets.UTF_8).trim();
        assertTrue(out.matches(String.format(NATS_LINE, "INF", "Listening for client connections on 0.0.0.0:4222")), out);
    }
}
