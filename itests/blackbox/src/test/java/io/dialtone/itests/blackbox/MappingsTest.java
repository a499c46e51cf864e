package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dialtone.itests.support.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Subject mappings against Dialtone and nats-server (it.servers selects): every mapping function, weights, mappings
 * inside an account, and the order nats-server applies them in (mapped once, then permissions on the mapped subject).
 */
class MappingsTest extends DistributionTest {

    private static final String[] PUBLISHED = {"lit", "one.x", "two.a.b", "part.a.b", "part.x.y", "part.foo.bar",
        "sp.a-b--c-", "sp.-a", "sfl.abcde", "sfr.abcde", "slf.abcde", "slr.abcde", "slf.ab", "rest.a.b", "w",
        "none.of.these"};
    private static final String[] DELIVERED = {"lit2", "uno.x", "dos.b.a", "p.6.a.b", "p.2.x.y", "p.0.foo.bar",
        "sp.a.b.c", "sp.a", "sfl.ab.cde", "sfr.abc.de", "slf.ab.cd.e", "slr.a.bc.de", "slf.ab", "r.a.b", "w.a",
        "none.of.these"};

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void everyFunctionMapsAsNatsServer(String name) throws Exception {
        Path conf = configFile("mappings",
                "mappings = {",
                "  \"lit\": \"lit2\"",
                "  \"one.*\": \"uno.{{wildcard(1)}}\"",
                "  \"two.*.*\": \"dos.{{Wildcard(2)}}.$1\"",
                "  \"part.*.*\": \"p.{{partition(10,1,2)}}.{{wildcard(1)}}.{{wildcard(2)}}\"",
                "  \"sp.*\": \"sp.{{split(1,-)}}\"",
                "  \"sfl.*\": \"sfl.{{SplitFromLeft(1,2)}}\"",
                "  \"sfr.*\": \"sfr.{{splitFromRight(1,2)}}\"",
                "  \"slf.*\": \"slf.{{SliceFromLeft(1,2)}}\"",
                "  \"slr.*\": \"slr.{{sliceFromRight(1,2)}}\"",
                "  \"rest.>\": \"r.>\"",
                "  \"w\": [{destination: \"w.a\", weight: 100%}]",
                "}");
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient c = rawLogin(s, "{\"verbose\":false}")) {
            StringBuilder publish = new StringBuilder("SUB > 1\r\n");
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < PUBLISHED.length; i++) {
                publish.append("PUB ").append(PUBLISHED[i]).append(" 1\r\n").append(i % 10).append("\r\n");
                expected.append("MSG ").append(DELIVERED[i]).append(" 1 1\n").append(i % 10).append('\n');
            }
            assertEquals(expected.toString(), c.send(publish.toString()).roundTrip());
        } finally {
            Files.deleteIfExists(conf);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void accountMappingsAndPermissionsOnTheMappedSubject(String name) throws Exception {
        Path conf = configFile("account-mappings",
                "accounts {",
                "  A: {",
                "    mappings: { \"lit\": \"lit2\", \"x\": \"lit\" }",
                "    users: [ {user: a, password: a, permissions: {publish: \"lit\"}}, {user: b, password: b} ]",
                "  }",
                "}");
        try (ServerUnderTest s = DifferentialServers.start(name, dialtone, "-c", conf.toString());
                RawClient b = rawLogin(s, "{\"verbose\":false,\"user\":\"b\",\"pass\":\"b\"}");
                RawClient a = rawLogin(s, "{\"verbose\":false,\"user\":\"a\",\"pass\":\"a\"}")) {
            assertEquals("", b.send("SUB > 1\r\n").roundTrip());
            assertEquals("-ERR 'Permissions Violation for Publish to \"lit2\"'\n"
                    + "-ERR 'Permissions Violation for Publish to \"lit2\"'\n",
                    a.send("PUB lit 1\r\n1\r\nPUB x 1\r\n2\r\nPUB lit2 1\r\n3\r\n").roundTrip());
            assertEquals("MSG lit 1 1\n2\n", b.roundTrip(), "x maps to lit once, not on to lit2");
        } finally {
            Files.deleteIfExists(conf);
        }
    }
}
