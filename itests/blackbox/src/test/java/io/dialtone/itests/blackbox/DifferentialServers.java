package io.dialtone.itests.blackbox;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which servers a differential test class runs its scenarios against, and how to start one by name. The selection comes
 * from the system property {@code it.servers}, a comma list (default {@code dialtone,nats-server}); pass
 * {@code -Dit.servers=nats-server} to validate the tests against the reference server alone.
 */
final class DifferentialServers {

    static final String DIALTONE = "dialtone";
    static final String NATS_SERVER = "nats-server";
    private static final List<String> KNOWN = List.of(DIALTONE, NATS_SERVER);

    private DifferentialServers() {
    }

    /** The selected server names, in the order {@code dialtone, nats-server}; a @MethodSource for server-parameterized tests. */
    static Stream<String> selected() {
        List<String> wanted = Arrays.stream(System.getProperty("it.servers", DIALTONE + "," + NATS_SERVER).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String w : wanted) {
            if (!KNOWN.contains(w)) {
                throw new IllegalArgumentException("it.servers: unknown server \"" + w + "\" (known: " + KNOWN + ")");
            }
        }
        return KNOWN.stream().filter(wanted::contains);
    }

    static boolean isSelected(String name) {
        return selected().anyMatch(name::equals);
    }

    /** Starts the named server on an ephemeral loopback port; Dialtone is started from {@code dist}. */
    static ServerUnderTest start(String name, Dialtone dist, String... flags) throws Exception {
        return switch (name) {
            case DIALTONE -> ServerUnderTest.dialtone(dist, flags);
            case NATS_SERVER -> ServerUnderTest.natsServer(flags);
            default -> throw new IllegalArgumentException("unknown server " + name);
        };
    }

    /**
     * Starts the named server on a given loopback port (for restarts on the same port). Both launchers parse their flags
     * like Go's flag package, where the last {@code -p} wins over the factory's {@code -p -1}.
     */
    static ServerUnderTest startOnPort(String name, Dialtone dist, int port, String... flags) throws Exception {
        String[] all = Stream.concat(Arrays.stream(flags), Stream.of("-p", Integer.toString(port))).toArray(String[]::new);
        ServerUnderTest server = start(name, dist, all);
        if (server.port() != port) {
            server.close();
            throw new AssertionError(name + " listens on " + server.port() + ", not on the requested port " + port);
        }
        return server;
    }
}
