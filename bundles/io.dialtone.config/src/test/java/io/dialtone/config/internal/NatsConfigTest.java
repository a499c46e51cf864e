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

    private static String problems(NatsConfig c) {
        return c.problems().toString();
    }

    @Test
    void permissionsInEveryFormBecomeTheUsersProperties() throws Exception {
        NatsConfig c = load("authorization {\n"
                + "  default_permissions: {publish: \"pub.>\", subscribe: [\"a\", \"b q\"]}\n"
                + "  users: [\n"
                + "    {user: plain, password: p}\n"
                + "    {user: lists, password: p, permissions: {pub: {allow: [\"x.>\"], deny: \"x.secret\"},"
                + " sub: {deny: [\">\"]}, allow_responses: {max: 3, expires: \"1m\"}}}\n"
                + "    {user: resp, password: p, permissions: {allow_responses: true}}\n"
                + "  ]\n}\n");
        assertEquals(List.of(), c.problems());
        Map<String, Object> plain = c.configurations().get(NatsConfig.USER_FACTORY_PID + "~plain");
        assertEquals(List.of("pub.>"), List.of((String[]) plain.get("publish_allow")));
        assertEquals(List.of("a", "b q"), List.of((String[]) plain.get("subscribe_allow")));
        Map<String, Object> lists = c.configurations().get(NatsConfig.USER_FACTORY_PID + "~lists");
        assertEquals(List.of("x.>"), List.of((String[]) lists.get("publish_allow")));
        assertEquals(List.of("x.secret"), List.of((String[]) lists.get("publish_deny")));
        assertEquals(List.of(">"), List.of((String[]) lists.get("subscribe_deny")));
        assertEquals(null, lists.get("subscribe_allow"), "a user's own permissions replace the defaults");
        assertEquals(true, lists.get("allow_responses"));
        assertEquals(3, lists.get("responses_max"));
        assertEquals(60_000L, lists.get("responses_expires_ms"));
        assertEquals(true, c.configurations().get(NatsConfig.USER_FACTORY_PID + "~resp").get("allow_responses"));
    }

    @Test
    void permissionProblemsUseNatsServersWords() throws Exception {
        assertTrue(problems(load("authorization { users: [{user: a, password: b, permissions: {publish: x, bogus: 1}}] }\n"))
                .contains("1:74: Unknown field \"bogus\" parsing permissions"), "nats-server: 1:73 (0-based on line 1)");
        assertTrue(problems(load("authorization { users: [{user: a, password: b, permissions: {publish: {allow: x, foo: 1}}}] }\n"))
                .contains("Unknown field name \"foo\" parsing subject permissions, only 'allow' or 'deny' are permitted"));
        assertTrue(problems(load("authorization { users: [{user: a, password: b, permissions: {publish: 5}}] }\n"))
                .contains("Expected subject permissions to be a subject, or array of subjects, got int64"));
        assertTrue(problems(load("authorization { users: [{user: a, password: b}, {user: a, password: c}] }\n"))
                .contains("Duplicate user \"a\" detected"));
    }

    @Test
    void noAuthUserMarksAConfiguredUser() throws Exception {
        NatsConfig c = load("no_auth_user: a\nauthorization { users: [{user: a, password: b}, {user: c, password: d}] }\n");
        assertEquals(List.of(), c.problems());
        assertEquals(true, c.configurations().get(NatsConfig.USER_FACTORY_PID + "~a").get("no_auth_user"));
        assertEquals(null, c.configurations().get(NatsConfig.USER_FACTORY_PID + "~c").get("no_auth_user"));
        assertTrue(problems(load("no_auth_user: zz\nauthorization { users: [{user: a, password: b}] }\n")).contains(
                "no_auth_user: \"zz\" not present as user in authorization block or account configuration"));
    }

    @Test
    void accountsPlaceTheirUsersAndBecomeImports() throws Exception {
        NatsConfig c = load("accounts {\n"
                + "  A: { users: [{user: a, password: a}], exports: [{stream: \"pub.>\"}, {service: \"help.*\", response: stream}] }\n"
                + "  B: { users: [{user: b, password: b, permissions: {publish: \">\"}}],\n"
                + "       imports: [{stream: {account: A, subject: \"pub.>\"}, prefix: from_a},"
                + " {service: {account: A, subject: \"help.x\"}, to: \"a.help\"}] }\n"
                + "}\n");
        assertEquals(List.of(), c.problems());
        assertEquals("A", c.configurations().get(NatsConfig.USER_FACTORY_PID + "~a").get("account"));
        assertEquals("B", c.configurations().get(NatsConfig.USER_FACTORY_PID + "~b").get("account"));
        assertEquals(Map.of("account", "B", "from_account", "A", "kind", "stream", "subject", "pub.>", "to",
                "from_a.pub.>", "response_type", "singleton"),
                c.configurations().get(NatsConfig.IMPORT_FACTORY_PID + "~B.0"));
        assertEquals(Map.of("account", "B", "from_account", "A", "kind", "service", "subject", "help.x", "to",
                "a.help", "response_type", "stream"), c.configurations().get(NatsConfig.IMPORT_FACTORY_PID + "~B.1"));
    }

    @Test
    void importsMustBeExportedToTheImporterAndMustNotCycle() throws Exception {
        assertTrue(problems(load("accounts { A: { imports: [{stream: {account: Z, subject: p}}] } }\n"))
                .contains("\"Z\" account not defined for stream import"));
        assertTrue(problems(load("accounts { A: { imports: [{service: {account: B, subject: p}}] }, B: {} }\n"))
                .contains("Error adding service import \"p\": service import not authorized"));
        assertTrue(problems(load("accounts { A: { exports: [{stream: \"pub.>\", accounts: [C]}] },"
                + " B: { imports: [{stream: {account: A, subject: \"pub.>\"}}] }, C: {} }\n"))
                .contains("Error adding stream import \"pub.>\": stream import not authorized"));
        assertTrue(problems(load("accounts { A: { imports: [{service: {account: B, subject: p}}], exports: [{service: p}] },"
                + " B: { imports: [{service: {account: A, subject: p}}], exports: [{service: p}] } }\n"))
                .contains("import forms a cycle"));
        assertTrue(problems(load("accounts { A: { exports: [{stream: \"p.>\"}] }, B: { imports: [{stream: {account: A,"
                + " subject: \"p.x\"}, prefix: a, to: b}] } }\n"))
                .contains("Stream import can not have a 'prefix' and a 'to' property"));
        assertTrue(problems(load("accounts { $G: { } }\n")).contains("\"$G\" is a Reserved Account"));
        assertTrue(problems(load("accounts { A: { foo: 1 } }\n")).contains("1:17: unknown field \"foo\"")); // nats-server: 1:16
        assertTrue(problems(load("accounts { A: { users: [{user: a, password: a}] } }\n"
                + "authorization { users: [{user: a, password: x}] }\n")).contains("Duplicate user \"a\" detected"));
    }
}
