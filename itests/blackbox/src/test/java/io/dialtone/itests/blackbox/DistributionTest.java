package io.dialtone.itests.blackbox;

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
}
