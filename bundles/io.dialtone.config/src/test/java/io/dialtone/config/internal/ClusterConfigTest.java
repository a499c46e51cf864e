package io.dialtone.config.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster {} block and the cluster flags into {@value NatsConfig#CLUSTER_PID}, as nats-server 2.9.10 reads them. */
class ClusterConfigTest {

    @TempDir
    Path dir;

    private NatsConfig load(String text) throws Exception {
        Path f = dir.resolve("server.conf");
        Files.writeString(f, text);
        return NatsConfig.load(f);
    }

    private NatsConfig valid(String text) throws Exception {
        NatsConfig c = load(text);
        assertEquals(List.of(), c.problems());
        return c;
    }

    private static Map<String, Object> cluster(NatsConfig c) {
        return c.configurations().get(NatsConfig.CLUSTER_PID);
    }

    /** The one problem of a file, as {@code line:column: message}. */
    private String problem(String text) throws Exception {
        NatsConfig c = load(text);
        assertEquals(1, c.problems().size(), c.problems().toString());
        String p = c.problems().get(0).toString();
        return p.substring(p.indexOf("server.conf:") + "server.conf:".length());
    }

    private static Map<String, String> flags(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void everyKeyBecomesAPropertyOfItsType() throws Exception {
        Map<String, Object> p = cluster(valid("cluster {\n"
                + "  name: \"east\"\n"
                + "  listen: \"127.0.0.1:6222\"\n"
                + "  authorization { user: ru, password: \"s3cret\", timeout: 0.5 }\n"
                + "  routes: [\n    nats-route://127.0.0.1:6223\n    \"nats://ru:s3cret@10.0.0.2:6222\"\n  ]\n"
                + "  no_advertise: true\n"
                + "  connect_retries: 5\n"
                + "  cluster_advertise: \"10.0.0.1:6222\"\n"
                + "}\n"));
        assertEquals(List.of("name", "host", "port", "routes", "no_advertise", "connect_retries", "advertise", "user",
                "password", "auth_timeout"), List.copyOf(p.keySet()));
        assertEquals("east", p.get("name"));
        assertEquals("127.0.0.1", p.get("host"));
        assertEquals(Integer.valueOf(6222), p.get("port"));
        assertArrayEquals(new String[] {"nats-route://127.0.0.1:6223", "nats://ru:s3cret@10.0.0.2:6222"},
                (String[]) p.get("routes"));
        assertEquals(Boolean.TRUE, p.get("no_advertise"));
        assertEquals(Integer.valueOf(5), p.get("connect_retries"));
        assertEquals("10.0.0.1:6222", p.get("advertise"));
        assertEquals("ru", p.get("user"));
        assertEquals("s3cret", p.get("password"));
        assertEquals(Double.valueOf(0.5), p.get("auth_timeout"));
    }

    @Test
    void hostAndPortKeysWithNatsServersDefaults() throws Exception {
        Map<String, Object> p = cluster(valid("cluster { port: 6222, advertise: \"cluster.example.com\" }\n"));
        assertEquals(Map.of("host", "0.0.0.0", "port", 6222, "no_advertise", false, "connect_retries", 0,
                "advertise", "cluster.example.com", "auth_timeout", 2.0), without(p, "routes"));
        assertArrayEquals(new String[0], (String[]) p.get("routes"));
        assertEquals(Map.of("host", "::1", "port", -1), subset(cluster(valid("cluster { listen: \"[::1]:-1\" }\n"))));
        assertEquals(Map.of("host", "10.1.1.1", "port", 7222),
                subset(cluster(valid("cluster {\n  net: 10.1.1.1\n  listen: 7222\n}\n"))));
        assertEquals(Double.valueOf(3), cluster(valid("cluster { port: 1, authorization { user: a, password: b,"
                + " timeout: 3 } }\n")).get("auth_timeout"));
    }

    private static Map<String, Object> without(Map<String, Object> p, String key) {
        Map<String, Object> m = new LinkedHashMap<>(p);
        m.remove(key);
        return m;
    }

    private static Map<String, Object> subset(Map<String, Object> p) {
        return Map.of("host", p.get("host"), "port", p.get("port"));
    }

    @Test
    void noPortNoCluster() throws Exception {
        assertNull(cluster(valid("port: 4222\n")));
        assertNull(cluster(valid("cluster {\n  name: a\n  routes: [nats://127.0.0.1:6222]\n}\n")),
                "nats-server runs no cluster without a port");
        assertNull(cluster(valid("cluster { listen: \"127.0.0.1:0\" }\n")));
    }

    @Test
    void keysNatsServerKnowsAreRefusedAsNotSupportedWithTheirPosition() throws Exception {
        assertEquals("3:3: field \"tls\" in cluster is not supported by Dialtone yet",
                problem("cluster {\n  port: 6222\n  tls { cert_file: a.pem, key_file: a.key }\n}\n"));
        assertEquals("3:3: field \"permissions\" in cluster is not supported by Dialtone yet",
                problem("cluster {\n  port: 6222\n  permissions { import: \">\" }\n}\n"));
    }

    @Test
    void whatNatsServerRefusesIsRefusedWithItsWords() throws Exception {
        assertEquals("3:3: unknown field \"pool_size\"", problem("cluster {\n  port: 6222\n  pool_size: 3\n}\n"));
        assertEquals("1:1: Expected map to define cluster, got long 5", problem("cluster: 5\n"));
        assertEquals("2:3: Cluster authorization does not allow multiple users",
                problem("cluster {\n  authorization { users: [{user: a, password: b}] }\n}\n"));
        assertEquals("2:3: Cluster authorization does not support tokens",
                problem("cluster {\n  authorization { token: abc }\n}\n"));
        assertEquals("2:3: invalid use of field \"authorization\": setting \"permissions\" within cluster authorization"
                + " block is deprecated", problem("cluster {\n  authorization { user: a, password: b, permissions:"
                + " { import: \">\" } }\n}\n"));
        assertEquals("2:41: unknown field \"foo\"", problem("cluster {\n  authorization { user: a, password: b, foo: 1 }\n}\n"));
        assertEquals("2:3: could not parse address string \"6222\"", problem("cluster {\n  listen: \"6222\"\n}\n"));
        assertEquals("2:3: could not parse port \"x\"", problem("cluster {\n  listen: \"h:x\"\n}\n"));
        assertEquals("3:27: invalid use of field \"nats://a:1\": Duplicate route entry detected",
                problem("cluster {\n  port: 1\n  routes: [\"nats://a:1\", \"nats://a:1\"]\n}\n"));
        assertEquals("3:13: error parsing route url [\"nats://a b:1\"]",
                problem("cluster {\n  port: 1\n  routes: [\"nats://a b:1\"]\n}\n"));
        assertTrue(problem("cluster {\n  routes: \"nats://a:1\"\n}\n").startsWith("2:3: field \"routes\" needs an array"));
        assertTrue(problem("cluster {\n  port: \"6222\"\n}\n").startsWith("2:3: field \"port\" needs a long"));
        assertTrue(problem("cluster {\n  name: 5\n}\n").startsWith("2:3: field \"name\" needs a string"));
        assertTrue(problem("cluster {\n  no_advertise: \"yes\"\n}\n").startsWith("2:3: field \"no_advertise\" needs a boolean"));
        assertTrue(problem("cluster {\n  connect_retries: 1.5\n}\n").startsWith("2:3: field \"connect_retries\" needs a long"));
    }

    @Test
    void whatNatsServerDashTAcceptsButCannotRunIsRefused() throws Exception {
        // nats-server -t accepts these; at start it stops with this message (advertise) or takes "2s" as 1 second
        assertEquals("2:3: invalid Cluster.Advertise value of 10.0.0.1:x:y, err=address 10.0.0.1:x:y: too many colons"
                + " in address", problem("cluster {\n  advertise: \"10.0.0.1:x:y\"\n}\n"));
        assertEquals("2:28: field \"timeout\" needs a number of seconds, not string 2s",
                problem("cluster {\n  authorization { user: a, timeout: \"2s\" }\n}\n"));
    }

    @Test
    void theClusterFlagOverridesListenAndUserAsNatsServersOverrideCluster() throws Exception {
        NatsConfig c = valid("cluster {\n  name: file\n  listen: 127.0.0.1:6222\n"
                + "  authorization { user: fu, password: fp }\n  routes: [nats://127.0.0.1:6223]\n}\n");
        assertNull(c.clusterWith(flags("cluster", "nats://0.0.0.0:7222")));
        Map<String, Object> p = cluster(c);
        assertEquals(Map.of("host", "0.0.0.0", "port", 7222), subset(p));
        assertFalse(p.containsKey("user"), "a --cluster URL without user clears the file's: " + p);
        assertEquals("file", p.get("name"));
        assertArrayEquals(new String[] {"nats://127.0.0.1:6223"}, (String[]) p.get("routes"));

        NatsConfig none = NatsConfig.empty();
        assertNull(none.clusterWith(flags("cluster", "nats://ru:p%40ss@127.0.0.1:-1", "cluster_name", "flag",
                "routes", "nats://127.0.0.1:6223, nats-route://h:6224", "no_advertise", "true",
                "cluster_advertise", "10.0.0.1", "connect_retries", "7")));
        assertEquals(Map.of("name", "flag", "host", "127.0.0.1", "port", -1, "no_advertise", true,
                "connect_retries", 7, "advertise", "10.0.0.1", "user", "ru", "password", "p@ss", "auth_timeout", 2.0),
                without(cluster(none), "routes"));
        assertArrayEquals(new String[] {"nats://127.0.0.1:6223", "nats-route://h:6224"},
                (String[]) cluster(none).get("routes"));
    }

    @Test
    void flagsOverEveryOtherKeyAndAnEmptyClusterSwitchesItOff() throws Exception {
        NatsConfig c = valid("cluster {\n  port: 6222\n  no_advertise: true\n  connect_retries: 3\n"
                + "  routes: [nats://a:1]\n}\n");
        assertNull(c.clusterWith(flags("no_advertise", "false", "connect_retries", "0", "routes", "")));
        Map<String, Object> p = cluster(c);
        assertEquals(false, p.get("no_advertise"));
        assertEquals(0, p.get("connect_retries"));
        assertArrayEquals(new String[0], (String[]) p.get("routes"));
        assertNull(c.clusterWith(flags("cluster", "")));
        assertNull(cluster(c), "--cluster \"\" switches clustering off");
    }

    @Test
    void badClusterFlagsGetNatsServersMessages() throws Exception {
        assertEquals("solicited routes require cluster capabilities, e.g. --cluster",
                NatsConfig.empty().clusterWith(flags("routes", "nats://127.0.0.1:6222")));
        assertNull(valid("cluster { host: 127.0.0.1 }\n").clusterWith(flags("routes", "nats://127.0.0.1:6222")),
                "a host in the file is cluster capability enough for nats-server");
        assertEquals("expected cluster password to be set",
                NatsConfig.empty().clusterWith(flags("cluster", "nats://u@127.0.0.1:6222")));
        assertEquals("address 127.0.0.1: missing port in address",
                NatsConfig.empty().clusterWith(flags("cluster", "nats://127.0.0.1")));
        assertTrue(NatsConfig.empty().clusterWith(flags("cluster", "127.0.0.1:6222")).startsWith("parse \"127.0.0.1:6222\""));
        assertEquals("error parsing route url [\"nats://a b:1\"]",
                NatsConfig.empty().clusterWith(flags("cluster", "nats://h:1", "routes", "nats://a b:1")));
        assertEquals("invalid Cluster.Advertise value of a:b:c, err=address a:b:c: too many colons in address",
                NatsConfig.empty().clusterWith(flags("cluster_advertise", "a:b:c")));
    }

    @Test
    void reloadRefusesWhatNatsServerRefusesAndKeepsARunningName() throws Exception {
        NatsConfig running = valid("cluster {\n  name: c1\n  listen: 127.0.0.1:6222\n  routes: [nats://a:1]\n}\n");
        assertEquals("config reload not supported for cluster port: old=6222, new=6223",
                valid("cluster { listen: 127.0.0.1:6223 }\n").reloadCluster(running));
        assertEquals("config reload not supported for cluster host: old=127.0.0.1, new=0.0.0.0",
                valid("cluster { port: 6222 }\n").reloadCluster(running));
        assertEquals("config reload not supported for cluster host: old=127.0.0.1, new=",
                valid("port: 4222\n").reloadCluster(running));
        assertEquals("config reload not supported for cluster host: old=, new=0.0.0.0",
                valid("cluster { port: 6222 }\n").reloadCluster(valid("port: 4222\n")), "no switching clustering on");

        NatsConfig next = valid("cluster {\n  listen: 127.0.0.1:6222\n  routes: [nats://b:1]\n"
                + "  authorization { user: u, password: p }\n}\n");
        assertNull(next.reloadCluster(running));
        Map<String, Object> p = cluster(next);
        assertEquals("c1", p.get("name"), "nats-server keeps the running name when the file drops it");
        assertArrayEquals(new String[] {"nats://b:1"}, (String[]) p.get("routes"));
        assertEquals("u", p.get("user"));
    }
}
