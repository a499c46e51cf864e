package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

@ExtendWith(BundleContextExtension.class)
class BundlesActiveTest {

    @InjectBundleContext
    BundleContext context;

    @Test
    void everyBundleOfTheRuntimeIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                notActive.add(b.getSymbolicName() + " state=" + b.getState());
            }
        }
        assertEquals(List.of(), notActive);
    }

    @Test
    void theDialtoneBundlesAreThere() {
        List<String> names = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            names.add(b.getSymbolicName());
        }
        for (String expected : List.of("io.dialtone.api", "io.dialtone.log", "io.dialtone.core",
                "io.dialtone.transport.netty", "io.dialtone.webconsole", "org.apache.felix.webconsole",
                "org.apache.felix.fileinstall", "io.netty.transport-native-epoll.linux-x86_64")) {
            assertTrue(names.contains(expected), expected + " missing from " + names);
        }
    }
}
