package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.itests.support.Await;
import io.dialtone.itests.support.Bundles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** Felix FileInstall watches the deploy folder: bundles and .config files dropped there take effect live. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class DeployDirectoryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SAMPLE = "io.dialtone.itests.sample";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ServerRuntime server;

    private Path deploy;

    @BeforeEach
    void deployDir() throws IOException {
        deploy = Path.of(context.getProperty("felix.fileinstall.dir"));
        Files.createDirectories(deploy);
    }

    @InjectService
    ConfigurationAdmin configAdmin;

    @AfterEach
    void cleanUp() throws Exception {
        try (var files = Files.list(deploy)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        // FileInstall deletes the configurations of deleted files asynchronously: let it finish before the next test
        Await.until("configurations from deploy/ removed", WAIT,
                () -> configurations("(felix.fileinstall.filename=*)") == null);
    }

    private Configuration[] configurations(String filter) {
        try {
            return configAdmin.listConfigurations(filter);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBundleDroppedIntoDeployIsStartedAndRemovedAgain() throws Exception {
        Path jar = deploy.resolve("sample.jar");
        Bundles.write(jar, SAMPLE);
        Await.until(SAMPLE + " active", WAIT, () -> state(SAMPLE) == Bundle.ACTIVE);
        Files.delete(jar);
        Await.until(SAMPLE + " uninstalled", WAIT, () -> state(SAMPLE) == -1);
    }

    @Test
    void aBrokenJarHarmsNothingElse() throws Exception {
        Files.write(deploy.resolve("broken.jar"), "this is not a zip file".getBytes(StandardCharsets.US_ASCII));
        Path good = deploy.resolve("sample2.jar");
        Bundles.write(good, SAMPLE + "2");
        Await.until("the good bundle next to a broken one is active", WAIT, () -> state(SAMPLE + "2") == Bundle.ACTIVE);
        assertEquals(Bundle.ACTIVE, state("io.dialtone.core"));
        assertEquals(Bundle.ACTIVE, state("io.dialtone.transport.netty"));
    }

    @Test
    void aConfigFileReachesTheComponentsModifiedMethod() throws Exception {
        assertEquals(1024 * 1024, server.server().maxPayload);
        String serverId = server.server().serverId;
        Path config = deploy.resolve("io.dialtone.server.config");
        Files.writeString(config, "max_payload=I\"2048\"\nping_interval=\"30s\"\n", StandardCharsets.UTF_8);
        Await.until("max_payload applied", WAIT, () -> server.server().maxPayload == 2048);
        assertEquals(30_000, server.server().pingIntervalMillis);
        // @Modified, not a restart of the component: the server keeps its identity
        assertEquals(serverId, server.server().serverId);
        Files.delete(config);
        Await.until("max_payload back to its default", WAIT, () -> server.server().maxPayload == 1024 * 1024);
    }

    @Test
    void aMalformedConfigFileHarmsNothingElse() throws Exception {
        Files.writeString(deploy.resolve("io.dialtone.broken.config"), "max_payload=I\"not a number\n",
                StandardCharsets.UTF_8);
        Path config = deploy.resolve("io.dialtone.server.config");
        Files.writeString(config, "max_payload=I\"4096\"\n", StandardCharsets.UTF_8);
        Await.until("the good config applied", WAIT, () -> server.server().maxPayload == 4096);
        assertNotNull(server.server().serverId);
    }

    private int state(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .mapToInt(Bundle::getState).findFirst().orElse(-1);
    }
}
