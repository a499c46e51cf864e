package io.dialtone.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.dialtone.config.internal.NatsConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the real {@code nats-server -t -c <file>} (2.9.10) on every corpus file and compares acceptance with
 * {@link ConfParser}:
 * <ul>
 * <li>{@code corpus/*.conf}: nats-server says "configuration file ... is valid" and ConfParser parses it;</li>
 * <li>{@code corpus/invalid/*.conf}: both reject it, and where nats-server names a line ({@code on line N} or
 * {@code file:N:C:}) ConfParser names the same line;</li>
 * <li>{@code corpus/divergent/*.conf}: nats-server 2.9.10 accepts them although they are broken (a value
 * silently dropped or wrapped around); ConfParser deliberately rejects them.</li>
 * </ul>
 * The cluster files go through the whole mapping ({@link NatsConfig}, what {@code dialtone -t} runs), not only the
 * parser:
 * <ul>
 * <li>{@code corpus/cluster/*.conf}: nats-server says valid and NatsConfig finds no problem;</li>
 * <li>{@code corpus/cluster/invalid/*.conf}: both refuse it, on the same line;</li>
 * <li>{@code corpus/cluster/refused/*.conf}: nats-server -t accepts them, Dialtone refuses them with the problem the
 * file's first line names ({@code # dialtone: line:column: message}): a key Dialtone does not implement yet, or a
 * value nats-server cannot run with or silently replaces.</li>
 * </ul>
 * The include-cycle files in {@code corpus/includes} are not run: nats-server recurses until its 1 GB goroutine
 * stack overflows. Skips when nats-server is not installed, unless {@code DIALTONE_REQUIRE_EXTERNALS=true}.
 */
class CorpusDifferentialTest {

    private static final Pattern ON_LINE = Pattern.compile("on line (\\d+)");
    private static final Pattern FILE_LINE = Pattern.compile("\\.conf:(\\d+):(\\d+): ");
    private static final Map<String, String> ENV = environment();

    private static Path natsServer;

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("UNDEFINED_DIALTONE_VAR");
        return Map.copyOf(env);
    }

    @BeforeAll
    static void findNatsServer() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/bin", "/usr/bin"));
        natsServer = dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, "nats-server"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (natsServer == null) {
            String msg = "nats-server not found on PATH or in /usr/sbin: differential corpus test skipped";
            if ("true".equalsIgnoreCase(System.getenv("DIALTONE_REQUIRE_EXTERNALS"))) {
                fail(msg + " (DIALTONE_REQUIRE_EXTERNALS=true)");
            }
            Assumptions.assumeTrue(false, msg);
        }
    }

    private record NatsResult(int exit, String output) {
        boolean valid() {
            return exit == 0 && output.contains("is valid");
        }
    }

    private static NatsResult natsCheck(Path file) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(natsServer.toString(), "-t", "-c", file.getFileName().toString())
                .directory(file.getParent().toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(ENV);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("nats-server -t timed out on " + file);
        }
        return new NatsResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static ConfParser parser() {
        return ConfParser.withEnvironment(ENV::get);
    }

    private static Path corpus(String sub) throws URISyntaxException {
        return Path.of(CorpusDifferentialTest.class.getResource("/corpus").toURI()).resolve(sub);
    }

    private static Stream<Path> files(String sub) throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(corpus(sub))) {
            return s.filter(p -> p.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    @TestFactory
    Stream<DynamicTest> validFilesAreAcceptedByBoth() throws Exception {
        return files("").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NatsResult nats = natsCheck(f);
            assertTrue(nats.valid(), () -> "nats-server rejects " + f + ": " + nats.output());
            ConfMap m = parser().parseFile(f);
            assertTrue(!m.isEmpty(), "parsed to an empty map");
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidFilesAreRejectedByBothOnTheSameLine() throws Exception {
        return files("invalid").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NatsResult nats = natsCheck(f);
            assertTrue(nats.exit() != 0 && !nats.valid(), () -> "nats-server accepts " + f + ": " + nats.output());
            ConfException e = assertThrows(ConfException.class, () -> parser().parseFile(f));
            Integer natsLine = lineOf(nats.output());
            if (natsLine != null) {
                assertEquals(natsLine.intValue(), e.line(),
                        () -> "line differs; nats-server: " + nats.output().strip() + " / ours: " + e.getMessage());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> divergentFilesAreAcceptedByNatsServerButRejectedByUs() throws Exception {
        return files("divergent").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NatsResult nats = natsCheck(f);
            assertTrue(nats.valid(), () -> "nats-server now rejects " + f + " (update the corpus): " + nats.output());
            ConfException e = assertThrows(ConfException.class, () -> parser().parseFile(f));
            assertTrue(e.line() > 0, e.getMessage());
        }));
    }

    @TestFactory
    Stream<DynamicTest> clusterFilesAreAcceptedByBoth() throws Exception {
        return files("cluster").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NatsResult nats = natsCheck(f);
            assertTrue(nats.valid(), () -> "nats-server rejects " + f + ": " + nats.output());
            assertEquals(List.of(), NatsConfig.load(f).problems());
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidClusterFilesAreRefusedByBothOnTheSameLine() throws Exception {
        return files("cluster/invalid").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NatsResult nats = natsCheck(f);
            assertTrue(nats.exit() != 0 && !nats.valid(), () -> "nats-server accepts " + f + ": " + nats.output());
            List<NatsConfig.Problem> ours = NatsConfig.load(f).problems();
            assertTrue(!ours.isEmpty(), "Dialtone accepts " + f);
            Integer natsLine = lineOf(nats.output());
            if (natsLine != null) {
                assertEquals(natsLine.intValue(), ours.get(0).position().line(),
                        () -> "line differs; nats-server: " + nats.output().strip() + " / ours: " + ours);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> refusedClusterFilesAreAcceptedByNatsServerButRefusedByUsAsTheyExpect() throws Exception {
        return files("cluster/refused").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NatsResult nats = natsCheck(f);
            assertTrue(nats.valid(), () -> "nats-server now rejects " + f + " (update the corpus): " + nats.output());
            String expected = Files.readAllLines(f).get(0).replaceFirst("^# dialtone: ", "");
            assertEquals(List.of(f + ":" + expected),
                    NatsConfig.load(f).problems().stream().map(Object::toString).toList());
        }));
    }

    /** Server limits and authorization through the whole mapping: nats-server -t and NatsConfig find nothing wrong. */
    @TestFactory
    Stream<DynamicTest> serverFilesAreAcceptedByBoth() throws Exception {
        return files("server").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NatsResult nats = natsCheck(f);
            assertTrue(nats.valid(), () -> "nats-server rejects " + f + ": " + nats.output());
            assertEquals(List.of(), NatsConfig.load(f).problems());
        }));
    }

    /** Values nats-server -t refuses: Dialtone refuses them on the same line with the same message. */
    @TestFactory
    Stream<DynamicTest> invalidServerFilesAreRefusedByBothWithTheSameMessage() throws Exception {
        return files("server/invalid").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NatsResult nats = natsCheck(f);
            assertTrue(nats.exit() != 0 && !nats.valid(), () -> "nats-server accepts " + f + ": " + nats.output());
            List<NatsConfig.Problem> ours = NatsConfig.load(f).problems();
            assertEquals(1, ours.size(), () -> "Dialtone: " + ours);
            Matcher m = FILE_LINE.matcher(nats.output());
            assertTrue(m.find(), nats.output());
            assertEquals(Integer.parseInt(m.group(1)), ours.get(0).position().line(), () -> nats.output() + " / " + ours);
            assertEquals(nats.output().substring(m.end()).strip(), ours.get(0).message());
        }));
    }

    /**
     * Values nats-server -t lets through but nats-server then refuses to start with: Dialtone's -t already refuses
     * them, with nats-server's start-up message (the file's first line gives Dialtone's position and message).
     */
    @TestFactory
    Stream<DynamicTest> refusedServerFilesStopNatsServerAtStartAndDialtoneAtTheCheck() throws Exception {
        return files("server/refused").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            assertTrue(natsCheck(f).valid(), () -> "nats-server -t now refuses " + f + " (update the corpus)");
            String expected = Files.readAllLines(f).get(0).replaceFirst("^# dialtone: ", "");
            ProcessBuilder pb = new ProcessBuilder(natsServer.toString(), "-c", f.getFileName().toString())
                    .directory(f.getParent().toFile()).redirectErrorStream(true);
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("nats-server started with " + f);
            }
            String started = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, p.exitValue(), started);
            String message = expected.replaceFirst("^\\d+:\\d+: ", "");
            assertTrue(started.contains(message), () -> "nats-server said: " + started);
            assertEquals(List.of(f + ":" + expected),
                    NatsConfig.load(f).problems().stream().map(Object::toString).toList());
        }));
    }

    /**
     * Values nats-server takes and runs with although they cannot work (a negative ping interval PINGs at once and
     * then closes every client as stale): Dialtone refuses them before it binds, with the message on the file's
     * first line.
     */
    @TestFactory
    Stream<DynamicTest> divergentServerFilesAreAcceptedByNatsServerButRefusedByUs() throws Exception {
        return files("server/divergent").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            assertTrue(natsCheck(f).valid(), () -> "nats-server -t now refuses " + f + " (update the corpus)");
            String expected = Files.readAllLines(f).get(0).replaceFirst("^# dialtone: ", "");
            assertEquals(List.of(f + ":" + expected),
                    NatsConfig.load(f).problems().stream().map(Object::toString).toList());
        }));
    }

    @Test
    void corpusIsNotEmpty() throws Exception {
        assertTrue(files("").count() >= 15);
        assertTrue(files("invalid").count() >= 15);
        assertTrue(files("divergent").count() >= 3);
        assertTrue(files("cluster").count() >= 5);
        assertTrue(files("cluster/invalid").count() >= 10);
        assertTrue(files("cluster/refused").count() >= 3);
        assertTrue(files("server").count() >= 1);
        assertTrue(files("server/invalid").count() >= 4);
        assertTrue(files("server/refused").count() >= 3);
        assertTrue(files("server/divergent").count() >= 3);
    }

    private static Integer lineOf(String natsOutput) {
        Matcher m = ON_LINE.matcher(natsOutput);
        if (m.find()) {
            return Integer.valueOf(m.group(1));
        }
        m = FILE_LINE.matcher(natsOutput);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
