package io.dialtone.itests.blackbox;

import io.dialtone.itests.support.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class that works on its own copy of the assembled distribution. */
abstract class DistributionTest {

    static Dialtone dialtone;

    @BeforeAll
    static void copyDistribution() throws Exception {
        dialtone = Dialtone.copy();
    }

    @AfterAll
    static void deleteDistribution() throws Exception {
        dialtone.close();
    }

    /** The servers differential tests run against (it.servers selects). */
    static Stream<String> servers() {
        return DifferentialServers.selected();
    }

    /** A config file in the temporary directory with these lines; the caller deletes it. */
    static Path configFile(String prefix, String... lines) throws Exception {
        Path conf = Files.createTempFile(prefix, ".conf");
        Files.writeString(conf, String.join("\n", lines) + "\n");
        return conf;
    }

    /** A raw client that connected with {@code connectJson} and read the answer to a PING (nothing else). */
    static RawClient rawLogin(ServerUnderTest s, String connectJson) throws Exception {
        RawClient c = RawClient.connect(s.port());
        c.send("CONNECT " + connectJson + "\r\n");
        String seen = c.roundTrip();
        if (!seen.isEmpty() && !seen.equals("+OK\n")) {
            throw new AssertionError("CONNECT answered " + seen + " (INFO was " + c.info + ")");
        }
        return c;
    }
}
