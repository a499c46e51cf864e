package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** bin/dialtone answers like nats-server, without starting the framework, and exits non-zero on bad input. */
class LauncherFlagsTest extends DistributionTest {


    @Test
    void versionNamesDialtoneAndTheNatsServerItImplements() throws Exception {
        for (String flag : new String[] {"-v", "--version"}) {
            Dialtone.Finished f = dialtone.run(flag);
            assertEquals(0, f.exitCode());
            assertTrue(f.stdout().matches("dialtone: v\\S+ \\(implements nats-server v2\\.9\\.10\\)\\n"), f.stdout());
        }
    }

    @Test
    void helpListsTheOptions() throws Exception {
        Dialtone.Finished f = dialtone.run("--help");
        assertEquals(0, f.exitCode());
        assertTrue(f.stdout().contains("Usage: dialtone [options]"), f.stdout());
        for (String option : new String[] {"-p, --port <port>", "-sl,--signal", "--ports_file_dir", "-DVV"}) {
            assertTrue(f.stdout().contains(option), option);
        }
    }

    @Test
    void anUnknownFlagGetsGosMessageAndTheUsage() throws Exception {
        Dialtone.Finished f = dialtone.run("-x");
        assertNotEquals(0, f.exitCode());
        assertTrue(f.stderr().startsWith("flag provided but not defined: -x\n"), f.stderr());
        assertTrue(f.stderr().contains("Usage: dialtone [options]"), f.stderr());
    }

    @Test
    void aBadValueGetsGosMessageAndTheUsage() throws Exception {
        Dialtone.Finished f = dialtone.run("-p", "abc");
        assertNotEquals(0, f.exitCode());
        assertTrue(f.stderr().startsWith("invalid value \"abc\" for flag -p: parse error\n"), f.stderr());
        f = dialtone.run("--port=x1");
        assertNotEquals(0, f.exitCode());
        assertTrue(f.stderr().startsWith("invalid value \"x1\" for flag -port: parse error\n"), f.stderr());
        f = dialtone.run("-p");
        assertNotEquals(0, f.exitCode());
        assertTrue(f.stderr().startsWith("flag needs an argument: -p\n"), f.stderr());
    }

    @Test
    void aFlagWhoseFeatureIsNotBuiltIsRefused() throws Exception {
        Dialtone.Finished f = dialtone.run("-js", "-sd", "/tmp/x");
        assertEquals(1, f.exitCode());
        assertTrue(f.stderr().contains("-js/--jetstream is not supported yet"), f.stderr());
    }

    @Test
    void incompleteTlsFlagsAreRefusedAsNatsServerRefusesThem() throws Exception {
        Dialtone.Finished f = dialtone.run("--tls", "--tlscert", "x.pem");
        assertEquals(1, f.exitCode());
        assertTrue(f.stderr().contains("TLS Server private key must be present and valid"), f.stderr());
        f = dialtone.run("--tlskey", "x.pem");
        assertEquals(1, f.exitCode());
        assertTrue(f.stderr().contains("TLS Server certificate must be present and valid"), f.stderr());
        // unreadable files are refused before the port is taken, with nats-server's words (seen: nats-server 2.9.10)
        f = dialtone.run("--tls", "--tlscert", "/nonexistent/cert.pem", "--tlskey", "/nonexistent/key.pem");
        assertEquals(1, f.exitCode());
        assertTrue(f.stderr().contains("error parsing X509 certificate/key pair: open /nonexistent/cert.pem: no such"
                + " file or directory"), f.stderr());
    }

    /** Messages seen from nats-server 2.9.10 with the same command lines; nothing is bound or started. */
    @Test
    void badClusterFlagsAreRefusedAsNatsServerRefusesThem() throws Exception {
        Dialtone.Finished f = dialtone.run("--routes", "nats://127.0.0.1:6222");
        assertEquals(1, f.exitCode());
        assertEquals("dialtone: solicited routes require cluster capabilities, e.g. --cluster\n", f.stderr());
        f = dialtone.run("--cluster", "nats://ru@127.0.0.1:6222");
        assertEquals(1, f.exitCode());
        assertEquals("dialtone: expected cluster password to be set\n", f.stderr());
        f = dialtone.run("--cluster_listen", "nats://127.0.0.1");
        assertEquals(1, f.exitCode());
        assertEquals("dialtone: address 127.0.0.1: missing port in address\n", f.stderr());
        f = dialtone.run("--cluster", "nats://127.0.0.1:6222", "--connect_retries", "x");
        assertEquals(2, f.exitCode());
        assertTrue(f.stderr().startsWith("invalid value \"x\" for flag -connect_retries: parse error\n"), f.stderr());
    }

    @Test
    void theClusterFlagsAreListedAsSupported() throws Exception {
        String usage = dialtone.run("--help").stdout();
        for (String flag : new String[] {"--routes", "--cluster ", "--cluster_name", "--no_advertise",
                "--cluster_advertise", "--connect_retries", "--cluster_listen"}) {
            assertTrue(usage.contains("\n        " + flag), flag + " is not marked unsupported: " + usage);
        }
    }

    @Test
    void anUnknownSignalIsRefused() throws Exception {
        Dialtone.Finished f = dialtone.run("-sl", "bogus=1");
        assertEquals(1, f.exitCode());
        assertTrue(f.stderr().contains("unknown signal \"bogus\""), f.stderr());
    }
}
