package io.dialtone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.runtime.ServerFeature;
import io.dialtone.itests.support.RawClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What registered features add to INFO: after max_payload, in registration order; a failing one is left out. */
class FeaturesTest {

    private static ServerFeature feature(String name, Map<String, Object> info) {
        return new ServerFeature() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> info() {
                return info;
            }
        };
    }

    @Test
    void infoCarriesTheFeaturesFieldsAfterMaxPayload() {
        Features f = new Features();
        f.put("js", feature("jetstream", Map.of("jetstream", true)));
        f.put("broken", new ServerFeature() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Map<String, Object> info() {
                throw new IllegalStateException("no");
            }
        });
        f.put("domain", feature("domain", Map.of("domain", "hub")));
        String info = new String(new InfoWriter(Kernel.settings(1024, s -> { })).listener("127.0.0.1", 4222).client(7, "1.2.3.4")
                .features(f.info()).line(), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(info.contains("\"max_payload\":1048576,\"jetstream\":true,\"domain\":\"hub\",\"client_id\":7,"),
                info);
        f.remove("js");
        assertEquals(Map.of("domain", "hub"), f.info());
    }

    @Test
    void aClientIsGreetedWithTheFeatureFlag() throws Exception {
        try (Kernel kernel = new Kernel(1024 * 1024)) {
            try (RawClient before = RawClient.connect(kernel.clientPort)) {
                assertTrue(!before.info.contains("jetstream"), before.info);
            }
            kernel.broker.features.put("js", feature("jetstream", Map.of("jetstream", true)));
            try (RawClient after = RawClient.connect(kernel.clientPort)) {
                assertTrue(after.info.contains("\"jetstream\":true"), after.info);
            }
        }
    }
}
