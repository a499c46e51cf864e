package io.dialtone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.auth.Permissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decisions nats-server 2.9.10 made for the same permissions (seen on the wire; see PermissionsTest too). */
class ClientPermissionsTest {

    private static ClientPermissions perms(List<String> pa, List<String> pd, List<String> sa, List<String> sd,
            Permissions.Responses r) {
        return ClientPermissions.compile(Permissions.of(pa, pd, sa, sd, r));
    }

    @Test
    void unrestrictedCompilesToNothing() {
        assertNull(ClientPermissions.compile(Permissions.ALL));
        assertNull(perms(List.of(), null, null, List.of(), null), "an empty list restricts nothing");
    }

    @Test
    void publishAllowThenDeny() {
        ClientPermissions p = perms(List.of("a.>", "b"), List.of("a.secret"), null, null, null);
        assertTrue(p.restrictsPublish());
        assertTrue(p.publishAllowed("a.x"));
        assertTrue(p.publishAllowed("a.x.y"));
        assertTrue(p.publishAllowed("b"));
        assertFalse(p.publishAllowed("a"));
        assertFalse(p.publishAllowed("a.secret"));
        assertFalse(p.publishAllowed("c"));
        ClientPermissions denyOnly = perms(null, List.of(">"), null, null, null);
        assertFalse(denyOnly.publishAllowed("x"));
    }

    @Test
    void subscribeAllowDenyAndQueues() {
        ClientPermissions p = perms(null, null, List.of("foo", "bar q1", "baz.*"), List.of("baz.secret"), null);
        assertFalse(p.restrictsPublish());
        assertTrue(p.subscribeAllowed("foo", null));
        assertTrue(p.subscribeAllowed("foo", "q"), "a plain entry allows any queue");
        assertFalse(p.subscribeAllowed("bar", null), "a queue entry allows only that queue");
        assertTrue(p.subscribeAllowed("bar", "q1"));
        assertFalse(p.subscribeAllowed("bar", "q2"));
        assertTrue(p.subscribeAllowed("baz.*", null));
        assertTrue(p.subscribeAllowed("baz.>", null), "nats-server matches the > as a literal token against *");
        assertFalse(p.subscribeAllowed("baz.secret", null));
        assertFalse(p.subscribeAllowed("x", null));
        assertTrue(p.needsDeliveryFilter("baz.*"));
        assertFalse(p.needsDeliveryFilter("foo"));
        assertTrue(p.deliveryDenied("baz.secret"));
        assertFalse(p.deliveryDenied("baz.open"));
    }

    @Test
    void queueDenyEntriesAndWildcardQueueNames() {
        ClientPermissions p = perms(null, null, List.of("jobs v1.*"), List.of("jobs v1.bad"), null);
        assertTrue(p.subscribeAllowed("jobs", "v1.good"));
        assertFalse(p.subscribeAllowed("jobs", "v1.bad"));
        assertFalse(p.subscribeAllowed("jobs", "v2"));
        assertFalse(p.subscribeAllowed("jobs", null));
    }

    @Test
    void responsesOnlyDeniesOtherPublishesAndCountsAnswers() {
        ClientPermissions p = perms(null, null, null, null, new Permissions.Responses(2, Duration.ofMinutes(1)));
        assertTrue(p.restrictsPublish(), "allow_responses alone restricts publishing to responses");
        assertFalse(p.publishAllowed("a"));
        assertTrue(p.tracksReplies());
        assertFalse(p.responseAllowed("_INBOX.1"));
        p.delivered("_INBOX.1");
        assertTrue(p.responseAllowed("_INBOX.1"));
        assertTrue(p.responseAllowed("_INBOX.1"));
        assertFalse(p.responseAllowed("_INBOX.1"), "max 2");
        assertFalse(p.responseAllowed("_INBOX.1"));
    }

    @Test
    void expiredResponsesAreRefused() {
        ClientPermissions p = perms(List.of("x"), null, null, null, new Permissions.Responses(0, Duration.ofNanos(1)));
        p.delivered("_INBOX.2");
        long until = System.nanoTime() + 1_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertFalse(p.responseAllowed("_INBOX.2"));
        assertEquals(true, p.publishAllowed("x"));
    }
}
