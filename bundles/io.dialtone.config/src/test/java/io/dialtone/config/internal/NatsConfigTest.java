package io.dialtone.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsConfigTest {

    @TempDir
    Path dir;

    private NatsConfig load(String text) throws Exception {
        Path f = dir.resolve("server.conf");
        Files.writeString(f, text);
        return NatsConfig.load(f);
    }

    @Test
    void mapsLauncherSettingsAndServerLimits() throws Exception {
        NatsConfig c = load("listen: 127.0.0.1:4333\nserver_name: a\nmax_payload: 2MB\nmax_conn: 10\n"
                + "ping_interval: \"30s\"\nmonitor_port: 8222\ndebug: true\nSIZE = 1KB\nmax_control_line: $SIZE\n");
        assertEquals(List.of(), c.problems());
        assertEquals(Map.of("host", "127.0.0.1", "port", 4333L, "server_name", "a", "http_port", 8222L, "debug", true),
                c.launcher());
        assertEquals(Map.of("max_payload", 2 * 1024 * 1024, "max_connections", 10, "ping_interval", "30s",
                "max_control_line", 1024), c.configurations().get(NatsConfig.SERVER_PID));
    }

    @Test
    void unknownAndNotYetSupportedFieldsAreProblemsWithTheirPosition() throws Exception {
        NatsConfig c = load("port: 4222\nfoo: 1\njetstream {\n  max_mem: 1G\n}\n");
        assertEquals(2, c.problems().size());
        assertTrue(c.problems().get(0).toString().endsWith("server.conf:2:1: unknown field \"foo\""),
                c.problems().get(0).toString());
        assertTrue(c.problems().get(1).toString().endsWith("server.conf:3:1: field \"jetstream\" is not supported by Dialtone yet"),
                c.problems().get(1).toString());
    }

    @Test
    void aBareIntegerDurationIsRefusedAsNatsServerDashTDoes() throws Exception {
        NatsConfig c = load("ping_interval: 120\n");
        assertEquals(1, c.problems().size());
        assertTrue(c.problems().get(0).message().contains("ping_interval should be converted to a duration"));
    }

    @Test
    void wrongTypesAreProblems() throws Exception {
        NatsConfig c = load("port: \"abc\"\ndebug: 5\n");
        assertEquals(2, c.problems().size());
    }
}
