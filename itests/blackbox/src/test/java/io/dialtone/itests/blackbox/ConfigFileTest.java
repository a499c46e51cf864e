package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.itests.support.RawClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** nats-server configuration files: -t, -c, flags over the file, live reload. */
class ConfigFileTest extends DistributionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dialtone.home.resolve(name), text);
    }

    @Test
    void checkAcceptsAValidFileAndNamesWhatIsWrongInAnInvalidOne() throws Exception {
        Path good = write("good.conf", "port: 4333\nserver_name: \"x\"\nmax_payload: 2MB\nping_interval: \"1m\"\n");
        Dialtone.Finished ok = dialtone.run("-t", "-c", good.toString());
        assertEquals(0, ok.exitCode(), ok.stderr());
        assertEquals("dialtone: configuration file good.conf is valid\n", ok.stdout());

        Path unknown = write("unknown.conf", "port: 4333\nmax_payload: 2MB\nfoo: 1\n");
        Dialtone.Finished bad = dialtone.run("-t", "-c", unknown.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stderr().contains("unknown.conf:3:1: unknown field \"foo\""), bad.stderr());

        Path broken = write("broken.conf", "port: 4333\ncluster {\n  port: 1\n");
        Dialtone.Finished syntax = dialtone.run("-t", "-c", broken.toString());
        assertEquals(1, syntax.exitCode());
        assertTrue(syntax.stderr().startsWith("dialtone: "), syntax.stderr());

        Dialtone.Finished noFile = dialtone.run("-t");
        assertEquals(1, noFile.exitCode());
        assertTrue(noFile.stderr().contains("must specify [-c, --config] option"), noFile.stderr());
    }

    @Test
    void dashTAgreesWithNatsServerOnWhatIsValid() throws Exception {
        String natsServer = ServerUnderTest.natsServerBinary();
        List<String> files = List.of(
                "port: 4333\nmax_payload: 2MB\n",
                "listen: 127.0.0.1:4333\nserver_name: a\nmax_connections: 10\nwrite_deadline: \"5s\"\n",
                "VAR = 3\nping_max: $VAR\nping_interval: \"2m\"\nlame_duck_duration: \"30s\"\n",
                "port: 4333\nfoo: 1\n",
                "ping_interval: 120\n",
                "port: 4333\ncluster {\n  port: 1\n",
                "port: [1, 2\n",
                "cluster {\n  name: c1\n  listen: \"127.0.0.1:6222\"\n  routes: [nats-route://127.0.0.1:6223]\n}\n",
                "cluster {\n  host: 127.0.0.1\n  port: -1\n  authorization { user: r, password: p, timeout: 2 }\n}\n",
                "cluster {\n  port: 6222\n  pool_size: 3\n}\n",
                "cluster {\n  port: 6222\n  authorization { users: [{user: a, password: b}] }\n}\n",
                "cluster {\n  listen: \"6222\"\n}\n");
        for (int i = 0; i < files.size(); i++) {
            Path f = write("diff" + i + ".conf", files.get(i));
            Dialtone.Finished d = dialtone.run("-t", "-c", f.toString());
            assertEquals(natsServerAccepts(natsServer, f), d.exitCode() == 0, "acceptance of " + files.get(i) + d.stderr());
        }
    }

    /** Cluster keys nats-server knows and Dialtone does not implement yet: nats-server -t accepts, Dialtone names them. */
    @Test
    void dashTRefusesTheClusterKeysDialtoneDoesNotImplement() throws Exception {
        String natsServer = ServerUnderTest.natsServerBinary();
        Path tls = write("cluster-tls.conf", "cluster {\n  port: 6222\n  tls {\n    cert_file: \""
                + TestCertificates.file("server.pem") + "\"\n    key_file: \"" + TestCertificates.file("server-key.pem")
                + "\"\n  }\n}\n");
        Path permissions = write("cluster-perms.conf", "cluster {\n  port: 6222\n  permissions: { import: \">\" }\n}\n");
        for (Path f : List.of(tls, permissions)) {
            assertTrue(natsServerAccepts(natsServer, f), f + " is valid for nats-server");
        }
        Dialtone.Finished d = dialtone.run("-t", "-c", tls.toString());
        assertEquals(1, d.exitCode());
        assertTrue(d.stderr().contains("cluster-tls.conf:3:3: field \"tls\" in cluster is not supported by Dialtone yet"),
                d.stderr());
        d = dialtone.run("-t", "-c", permissions.toString());
        assertEquals(1, d.exitCode());
        assertTrue(d.stderr().contains("cluster-perms.conf:3:3: field \"permissions\" in cluster is not supported by"
                + " Dialtone yet"), d.stderr());
    }

    private static boolean natsServerAccepts(String natsServer, Path f) throws Exception {
        Process p = new ProcessBuilder(natsServer, "-t", "-c", f.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue() == 0;
    }

    /**
     * The cluster block and flags become {@code io.dialtone.cluster} (seen in the Web Console's configuration JSON);
     * reload applies new routes and refuses a new cluster port as nats-server 2.9.10 does, with its message; a
     * restart without the block removes the configuration.
     */
    @Test
    void theClusterBlockBecomesTheClusterConfigurationAndReloadsAsNatsServers() throws Exception {
        int clusterPort = Nats.freePort();
        int httpPort = Nats.freePort();
        String listen = "port: -1\ncluster {\n  name: file\n  listen: \"127.0.0.1:" + clusterPort + "\"\n";
        Path conf = write("cluster.conf", listen + "  routes: [nats-route://127.0.0.1:1]\n"
                + "  authorization { user: ru, password: rp, timeout: 3 }\n}\n");
        WebConsole.enable(dialtone.home);
        Dialtone.Running server = dialtone.start("-c", conf.toString(), "-a", "127.0.0.1", "-m", Integer.toString(httpPort),
                "--cluster_name", "flag", "--connect_retries", "4");
        String cluster = awaitClusterConfiguration(httpPort, json -> json.contains("\"port\""));
        assertEquals("\"type\":1,\"value\":\"flag\"", property(cluster, "name"), "--cluster_name over the file's");
        assertEquals("\"type\":1,\"value\":\"127.0.0.1\"", property(cluster, "host"));
        assertEquals("\"type\":3,\"value\":" + clusterPort, property(cluster, "port"));
        assertEquals("\"type\":1,\"values\":[\"nats-route:\\/\\/127.0.0.1:1\"]", property(cluster, "routes"));
        assertEquals("\"type\":11,\"value\":false", property(cluster, "no_advertise"));
        assertEquals("\"type\":3,\"value\":4", property(cluster, "connect_retries"));
        assertEquals("\"type\":1,\"value\":\"ru\"", property(cluster, "user"));
        assertEquals("\"type\":12,\"value\":\"unmodified\"", property(cluster, "password"),
                "a password the console does not show (ClusterTest shows it is the one routes must give)");
        assertEquals("\"type\":7,\"value\":3", property(cluster, "auth_timeout"));

        Files.writeString(conf, listen + "  routes: [nats-route://127.0.0.1:2]\n}\n");
        assertEquals(0, dialtone.run("-sl", "reload=" + server.process.pid()).exitCode());
        server.awaitLine("Reloaded server configuration", WAIT);
        cluster = awaitClusterConfiguration(httpPort, json -> json.contains("127.0.0.1:2"));
        assertTrue(Pattern.compile("\"user\":\\{[^}]*\"is_set\":false").matcher(cluster).find(),
                "the route user went with the file's authorization: " + cluster);

        Files.writeString(conf, "port: -1\ncluster {\n  listen: \"127.0.0.1:" + (clusterPort + 1) + "\"\n}\n");
        assertEquals(0, dialtone.run("-sl", "reload=" + server.process.pid()).exitCode());
        String refused = server.awaitLine("config reload not supported for cluster port", WAIT);
        assertTrue(refused.contains("[ERR] Failed to reload server configuration: config reload not supported for"
                + " cluster port: old=" + clusterPort + ", new=" + (clusterPort + 1)), refused);
        assertEquals(0, server.terminate());

        Files.writeString(conf, "port: -1\n");
        server = dialtone.start("-c", conf.toString(), "-a", "127.0.0.1", "-m", Integer.toString(httpPort));
        awaitClusterConfiguration(httpPort, json -> json.equals("[]"));
        assertEquals(0, server.terminate());
    }

    /** A property's type (Config Admin's: 1 String, 3 Integer, 7 Double, 11 Boolean) and value in the console's JSON. */
    private static String property(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\{[^}]*?(\"type\":\\d+,\"values?\":(?:\\[[^\\]]*\\]|\"[^\"]*\"|[^,}]*))")
                .matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    /** The Web Console's JSON view of {@code io.dialtone.cluster} once it satisfies {@code condition}. */
    private static String awaitClusterConfiguration(int httpPort, Predicate<String> condition) throws Exception {
        return WebConsole.await(httpPort, "/system/console/configMgr/io.dialtone.cluster.json", condition, WAIT);
    }

    @Test
    void theFileConfiguresTheServerFlagsOverrideItAndReloadAppliesChangesLive() throws Exception {
        int filePort = Nats.freePort();
        Path conf = write("server.conf", "listen: 127.0.0.1:" + filePort + "\nserver_name: fromfile\nmax_payload: 2KB\n");
        Dialtone.Running server = dialtone.start("-c", conf.toString(), "-n", "fromflag");
        assertEquals(filePort, server.clientPort(), "the port comes from the file");
        try (RawClient first = RawClient.connect(filePort)) {
            awaitInfo(filePort, "\"max_payload\":2048");
            assertTrue(first.info.contains("\"server_name\":\"fromflag\""), "-n overrides the file: " + first.info);
            first.send("CONNECT {\"verbose\":false}\r\n").roundTrip();

            Files.writeString(conf, "listen: 127.0.0.1:" + filePort + "\nserver_name: fromfile\nmax_payload: 4KB\n");
            assertEquals(0, dialtone.run("-sl", "reload=" + server.process.pid()).exitCode());
            server.awaitLine("Reloaded server configuration", WAIT);
            awaitInfo(filePort, "\"max_payload\":4096");
            assertEquals("", first.roundTrip(), "a connection open across the reload is untouched");

            Files.writeString(conf, "listen: 127.0.0.1:" + (filePort + 1) + "\nmax_payload: 8KB\n");
            assertEquals(0, dialtone.run("-sl", "reload=" + server.process.pid()).exitCode());
            String refused = server.awaitLine("config reload not supported for port", WAIT);
            assertTrue(refused.contains("[ERR]"), refused);
            awaitInfo(filePort, "\"max_payload\":4096");
        }
        assertEquals(0, server.terminate());
    }

    /**
     * The launcher binds the client port before the framework starts, so a client can be accepted before the file's
     * configuration is in Config Admin: even the very first INFO must carry the file's limits.
     */
    @Test
    void theVeryFirstClientSeesTheFilesLimits() throws Exception {
        int port = Nats.freePort();
        Path conf = write("early.conf", "listen: 127.0.0.1:" + port + "\nmax_payload: 2KB\n");
        Dialtone.Running server = dialtone.launch("-c", conf.toString());
        try {
            RawClient[] first = new RawClient[1];
            io.dialtone.itests.support.Await.until("the port accepts", WAIT, () -> {
                try {
                    first[0] = RawClient.connect(port);
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
            try (RawClient c = first[0]) {
                assertTrue(c.info.contains("\"max_payload\":2048"), c.info);
            }
        } finally {
            server.terminate();
        }
    }

    @Test
    void aServerWithABadFileDoesNotStart() throws Exception {
        Path conf = write("bad.conf", "port: 4333\njetstream: enabled\n");
        Dialtone.Finished f = dialtone.run("-c", conf.toString());
        assertNotEquals(0, f.exitCode());
        assertTrue(f.stderr().contains("bad.conf:2:1: field \"jetstream\" is not supported by Dialtone yet"),
                f.stderr());
    }

    /** New clients see {@code expected} in their INFO (configuration applies asynchronously). */
    private static void awaitInfo(int port, String expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String info = "";
        while (System.nanoTime() < deadline) {
            info = Nats.greeting(port);
            if (info.contains(expected)) {
                return;
            }
            Thread.sleep(50); // polling interval
        }
        throw new AssertionError("no INFO with " + expected + " within " + WAIT + "; last: " + info);
    }
}
