package io.dialtone.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.storage.StoredMessage;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writing in sync mode is killed with SIGKILL ({@code ProcessHandle.destroyForcibly} on Unix) at a
 * random moment, 50 times (-Ddialtone.crash.runs);
 * after each restart every sequence it reported stored is there byte for byte, and the store takes writes.
 */
class CrashTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        Map<Long, Long> acked = new HashMap<>();
        int runs = Integer.getInteger("dialtone.crash.runs", 50);
        for (int run = 1; run <= runs; run++) {
            int killAfter = 1 + rnd.nextInt(150);
            int got = runChildAndKill(run, killAfter, acked);
            assertTrue(got >= killAfter, "seed " + seed + " run " + run + ": the child acknowledged only " + got
                    + " writes; its stderr: " + Files.readString(dir.resolve("child.err")));
            verify(acked, "seed " + seed + " run " + run);
        }
    }

    private int runChildAndKill(int run, int killAfter, Map<Long, Long> acked) throws IOException,
            InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", cp,
                CrashChild.class.getName(), dir.resolve("store").toString(), String.valueOf(run))
                .redirectError(dir.resolve("child.err").toFile()).start();
        int got = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].equals("ACK")) {
                    acked.put(Long.parseLong(f[1]), Long.parseLong(f[2]));
                    if (++got == killAfter) {
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        return got;
    }

    private void verify(Map<Long, Long> acked, String where) {
        FileStorageProvider provider = new FileStorageProvider(dir.resolve("store"), "always", 64 * 1024,
                new RealFileIo());
        StreamStore s = provider.open("A", "S", StreamConfig.unlimited());
        StoredMessage m = new StoredMessage();
        for (Map.Entry<Long, Long> e : acked.entrySet()) {
            assertTrue(s.load(e.getKey(), m), where + ": acknowledged " + e.getKey() + " is gone; " + s.recovery());
            assertArrayEquals(Payloads.of(e.getValue()), m.payload(), where + ": payload of " + e.getKey());
        }
        assertTrue(s.recovery().quarantined().isEmpty(), where + ": a kill is no corruption: " + s.recovery());
        long nonce = -acked.size() - 1;
        long seq = s.store("parent", null, Payloads.of(-nonce), 0);
        acked.put(seq, -nonce);
        provider.close();
    }
}
