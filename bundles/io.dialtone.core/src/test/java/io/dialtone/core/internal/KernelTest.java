package io.dialtone.core.internal;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** A test class that runs a {@link Kernel} with real sockets, started on first use and stopped after each test. */
abstract class KernelTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String CONNECT = "CONNECT {\"verbose\":false,\"headers\":true,\"protocol\":1}\r\n";

    Kernel kernel;

    /** The kernel, started with a 64 MiB max_pending if this test has not started it yet. */
    Kernel kernel() throws InterruptedException {
        if (kernel == null) {
            kernel = new Kernel(64L * 1024 * 1024);
        }
        return kernel;
    }

    @AfterEach
    void stopKernel() throws InterruptedException {
        if (kernel != null) {
            kernel.close();
        }
    }
}
