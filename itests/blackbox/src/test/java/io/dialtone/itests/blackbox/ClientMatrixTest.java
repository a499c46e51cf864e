package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client matrix: unmodified non-Java NATS clients (nats.go, nats.js, libnats) run the same smoke program against each
 * server named in the system property {@code it.servers} (comma list of "dialtone" and "nats-server", default both):
 * connect, {@code matrix.*}/{@code matrix.>} wildcards, a queue group of two taking 20 messages exactly once,
 * request/reply, headers, no-responders, close. The programs live in {@code src/test/resources/matrix/}; each is
 * built once per JVM into {@code target/} (Go offline from Debian's GOPATH tree, C with gcc and libnats-dev, JS with
 * npm from the pinned package.json), prints one line per step and exits 0 only when every step passed.
 *
 * <p>Where a client's toolchain is missing its test is skipped with the packages to install, unless
 * DIALTONE_REQUIRE_EXTERNALS=true (as in CI, whose .ci/run installs them): then it fails.
 */
class ClientMatrixTest extends DistributionTest {

    /** A smoke program's own watchdog ends it after 10 s; this is the backstop if even that fails. */
    private static final Duration RUN = Duration.ofSeconds(60);
    /** A first Go build compiles the standard library too: on 2 cores, tens of seconds. */
    private static final Duration BUILD = Duration.ofMinutes(5);
    private static final String GOPATH = "/usr/share/gocode";

    /** client name → its built command (or why not), once per JVM. */
    private static final Map<String, Built> BUILDS = new ConcurrentHashMap<>();

    static Stream<String> servers() {
        return Arrays.stream(System.getProperty("it.servers", "dialtone,nats-server").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty());
    }

    @ParameterizedTest(name = "nats.go against {0}")
    @MethodSource("servers")
    void natsGo(String server) throws Exception {
        smoke("nats.go", server, ClientMatrixTest::buildGo);
    }

    @ParameterizedTest(name = "nats.js against {0}")
    @MethodSource("servers")
    void natsJs(String server) throws Exception {
        smoke("nats.js", server, ClientMatrixTest::buildJs);
    }

    @ParameterizedTest(name = "libnats against {0}")
    @MethodSource("servers")
    void libnats(String server) throws Exception {
        smoke("libnats", server, ClientMatrixTest::buildC);
    }

    // --- running ---------------------------------------------------------------------------------------------------

    private void smoke(String client, String server, Builder builder) throws Exception {
        Built built = BUILDS.computeIfAbsent(client, c -> {
            try {
                return builder.build();
            } catch (Exception e) {
                return Built.failed(client + " build: " + e);
            }
        });
        if (built.missing != null) {
            missingToolchain(built.missing);
        }
        if (built.error != null) {
            fail(built.error);
        }
        try (ServerUnderTest s = start(server)) {
            List<String> cmd = new ArrayList<>(built.command);
            cmd.add(s.url());
            Path log = target().resolve("matrix-" + client.replace('.', '-') + "-" + server + ".log");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(built.dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean finished = p.waitFor(RUN.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.printf("%s against %s: %s in %d ms%n%s", client, server,
                    finished ? "exit " + p.exitValue() : "hung", ms, output);
            if (!finished) {
                fail(client + " against " + server + " did not finish within " + RUN + ":\n" + output);
            }
            assertEquals(0, p.exitValue(), () -> client + " against " + server + " (" + s.url() + ") failed:\n"
                    + output);
        }
    }

    private static ServerUnderTest start(String server) throws Exception {
        switch (server) {
            case "dialtone":
                return ServerUnderTest.dialtone(dialtone);
            case "nats-server":
                return ServerUnderTest.natsServer();
            default:
                throw new IllegalArgumentException("unknown server in it.servers: " + server
                        + " (known: dialtone, nats-server)");
        }
    }

    private static void missingToolchain(String message) {
        if (Boolean.parseBoolean(System.getenv("DIALTONE_REQUIRE_EXTERNALS"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    // --- building --------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Builder {
        Built build() throws Exception;
    }

    /** A built smoke program: the command (without the URL) and its working folder, or why there is none. */
    private record Built(List<String> command, Path dir, String missing, String error) {
        static Built ok(Path dir, String... command) {
            return new Built(List.of(command), dir, null, null);
        }

        static Built missing(String message) {
            return new Built(null, null, message, null);
        }

        static Built failed(String message) {
            return new Built(null, null, null, message);
        }
    }

    /** nats.go in GOPATH mode against Debian's golang-github-nats-io-go-nats-dev, offline. */
    private static Built buildGo() throws Exception {
        Optional<Path> go = which("go", "/usr/lib/go/bin");
        if (go.isEmpty() || !Files.exists(Path.of(GOPATH, "src/github.com/nats-io/nats.go/nats.go"))) {
            return Built.missing("the nats.go smoke needs Go and nats.go from Debian: "
                    + "apt-get install -y golang-go golang-github-nats-io-go-nats-dev");
        }
        Path dir = fresh("matrix-go");
        Path src = copy("go", dir.resolve("src"));
        Path out = dir.resolve("matrix-go");
        List<String> cmd = List.of(go.get().toString(), "build", "-o", out.toString(), ".");
        String error = run(cmd, src, Map.of("GOPATH", GOPATH, "GO111MODULE", "off", "GOFLAGS", "", "GOPROXY", "off",
                "GOCACHE", target().resolve("matrix-gocache").toString(), "CGO_ENABLED", "0"));
        return error != null ? Built.failed("nats.go build failed: " + error) : Built.ok(dir, out.toString());
    }

    /** libnats (Debian libnats-dev) with gcc. */
    private static Built buildC() throws Exception {
        Optional<Path> gcc = which("gcc", null);
        if (gcc.isEmpty() || !Files.exists(Path.of("/usr/include/nats/nats.h"))) {
            return Built.missing("the libnats smoke needs gcc and libnats from Debian: apt-get install -y gcc libnats-dev");
        }
        Path dir = fresh("matrix-c");
        Path src = copy("c", dir.resolve("src"));
        Path out = dir.resolve("matrix-c");
        List<String> cmd = List.of(gcc.get().toString(), "-std=gnu11", "-O1", "-Wall", "-Wextra", "-o", out.toString(),
                "matrix.c", "-lnats");
        String error = run(cmd, src, Map.of());
        return error != null ? Built.failed("libnats build failed: " + error) : Built.ok(dir, out.toString());
    }

    /** nats.js (@nats-io/transport-node, pinned in package.json) installed with npm into target/matrix-js. */
    private static Built buildJs() throws Exception {
        Optional<Path> node = which("node", null);
        Optional<Path> npm = which("npm", null);
        if (node.isEmpty() || npm.isEmpty()) {
            return Built.missing("the nats.js smoke needs Node.js and npm: apt-get install -y nodejs npm");
        }
        Path dir = target().resolve("matrix-js");
        Files.createDirectories(dir);
        Path resources = resources().resolve("js");
        String pkg = Files.readString(resources.resolve("package.json"));
        Path installed = dir.resolve("package.json");
        // node_modules from an earlier run for the same package.json stay (npm install is then a no-op anyway)
        boolean same = Files.exists(installed) && Files.readString(installed).equals(pkg)
                && Files.isDirectory(dir.resolve("node_modules/@nats-io/transport-node"));
        Files.copy(resources.resolve("main.js"), dir.resolve("main.js"), StandardCopyOption.REPLACE_EXISTING);
        if (!same) {
            Files.writeString(installed, pkg);
            String error = run(List.of(npm.get().toString(), "install", "--no-audit", "--no-fund", "--loglevel=error"),
                    dir, Map.of());
            if (error != null) {
                return Built.failed("npm install of nats.js failed: " + error);
            }
        }
        return Built.ok(dir, node.get().toString(), "main.js");
    }

    /** Runs a build step; null when it succeeded, else its exit and output. */
    private static String run(List<String> cmd, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile(target(), "matrix-build", ".log");
        try {
            Process p = pb.redirectOutput(log.toFile()).start();
            if (!p.waitFor(BUILD.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return String.join(" ", cmd) + " did not finish within " + BUILD + ":\n" + Files.readString(log);
            }
            return p.exitValue() == 0 ? null
                    : String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + Files.readString(log);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Optional<Path> which(String program, String extraDir) {
        String path = System.getenv("PATH") + (extraDir == null ? "" : File.pathSeparator + extraDir);
        return Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }

    /** Copies the program folder matrix/{name} from the test resources to {@code to}; returns {@code to}. */
    private static Path copy(String name, Path to) throws IOException {
        Path from = resources().resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    /** An emptied folder target/{name}. */
    private static Path fresh(String name) throws IOException {
        Path dir = target().resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    /** target/test-classes/matrix: the programs as copied by the build. */
    private static Path resources() {
        return testClasses().resolve("matrix");
    }

    /** The module's target/ folder. */
    private static Path target() {
        return testClasses().getParent();
    }

    private static Path testClasses() {
        try {
            return Path.of(ClientMatrixTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
