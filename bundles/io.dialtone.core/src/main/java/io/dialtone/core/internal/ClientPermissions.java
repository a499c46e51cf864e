package io.dialtone.core.internal;

import io.dialtone.api.auth.Permissions;
import io.dialtone.router.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's {@link Permissions} compiled once, when it is admitted, and checked by its session without calling out:
 * the same decisions as nats-server's {@code canSubscribe}, {@code pubAllowed} and deny filter (client.go), where a
 * subject given to a check is matched as a literal, token by token, against the allow and deny patterns (so an allow
 * of {@code foo.*} admits a subscription to {@code foo.*} but not to {@code foo.>}). Publish decisions are cached by
 * the session's subject cache; the reply subjects it may answer ({@code allow_responses}) are tracked here.
 */
final class ClientPermissions {

    /** nats-server's replyPermLimit: past this many tracked replies, expired ones are pruned. */
    private static final int REPLY_PRUNE_AT = 4096;

    /** A subscribe entry: a subject pattern and, for {@code "subject queue"}, the one queue group it names. */
    private record Entry(String subject, String queue) {
        static Entry parse(String s) {
            String t = s.trim();
            int space = t.indexOf(' ');
            return space < 0 ? new Entry(t, null) : new Entry(t.substring(0, space), t.substring(space + 1).trim());
        }
    }

    private final String[] publishAllow;
    private final String[] publishDeny;
    private final Entry[] subscribeAllow;
    private final Entry[] subscribeDeny;
    private final Permissions.Responses responses;
    private final long responsesExpireNanos;
    /** Reply subjects of requests delivered to this client: when delivered and how often answered. */
    private final Map<String, long[]> replies;

    private ClientPermissions(Permissions p) {
        publishDeny = p.publishDeny().isEmpty() ? null : p.publishDeny().toArray(String[]::new);
        // as nats-server: allow_responses without publish permissions allows publishing responses only
        publishAllow = !p.publishAllow().isEmpty() ? p.publishAllow().toArray(String[]::new)
                : p.responses() != null && publishDeny == null ? new String[0] : null;
        subscribeAllow = entries(p.subscribeAllow());
        subscribeDeny = entries(p.subscribeDeny());
        responses = p.responses();
        responsesExpireNanos = responses == null ? 0 : responses.expires().toNanos();
        replies = responses == null ? null : new ConcurrentHashMap<>();
    }

    /** Compiled permissions, or null when they restrict nothing (the session then checks nothing). */
    static ClientPermissions compile(Permissions p) {
        return p == null || p.unrestricted() && p.responses() == null ? null : new ClientPermissions(p);
    }

    private static Entry[] entries(List<String> list) {
        if (list.isEmpty()) {
            return null;
        }
        List<Entry> out = new ArrayList<>(list.size());
        for (String s : list) {
            out.add(Entry.parse(s));
        }
        return out.toArray(Entry[]::new);
    }

    /** Whether publish permissions are given at all (otherwise every publish is allowed). */
    boolean restrictsPublish() {
        return publishAllow != null || publishDeny != null;
    }

    /** The allow and deny lists' decision for a publish, without reply tracking; cacheable per subject. */
    boolean publishAllowed(String subject) {
        boolean allowed = publishAllow == null || anyMatches(publishAllow, subject);
        return allowed && (publishDeny == null || !anyMatches(publishDeny, subject));
    }

    /**
     * Whether a publish the lists refuse may still go as a response: its subject is the reply subject of a request
     * delivered to this client, answered fewer than max times and within expires.
     */
    boolean responseAllowed(String subject) {
        if (replies == null) {
            return false;
        }
        long[] r = replies.get(subject);
        if (r == null) {
            return false;
        }
        synchronized (r) {
            r[1]++;
            boolean tooMany = responses.max() > 0 && r[1] > responses.max();
            boolean expired = responsesExpireNanos > 0 && System.nanoTime() - r[0] > responsesExpireNanos;
            if (tooMany || expired) {
                replies.remove(subject, r);
                return false;
            }
            return true;
        }
    }

    /** Whether replies of delivered requests must be recorded ({@code allow_responses} was given). */
    boolean tracksReplies() {
        return replies != null;
    }

    /** Records the reply subject of a request delivered to this client (any thread). */
    void delivered(String reply) {
        long now = System.nanoTime();
        replies.put(reply, new long[] {now, 0});
        if (replies.size() > REPLY_PRUNE_AT && responsesExpireNanos > 0) {
            replies.values().removeIf(r -> now - r[0] > responsesExpireNanos);
        }
    }

    /** nats-server's canSubscribe. */
    boolean subscribeAllowed(String subject, String queue) {
        boolean allowed = true;
        if (subscribeAllow != null) {
            allowed = matchesPlain(subscribeAllow, subject);
            List<String> queues = matchingQueues(subscribeAllow, subject);
            if (queue != null && !queues.isEmpty()) {
                allowed = queueMatches(queue, queues);
            }
        }
        if (allowed && subscribeDeny != null) {
            allowed = !matchesPlain(subscribeDeny, subject);
            List<String> queues = matchingQueues(subscribeDeny, subject);
            if (queue != null && !queues.isEmpty()) {
                allowed = !queueMatches(queue, queues);
            }
        }
        return allowed;
    }

    /**
     * Whether an allowed subscription to {@code subject} can receive messages the deny list refuses (a wildcard
     * subscription with a deny entry inside it): then deliveries to this client are filtered, as nats-server's
     * loadMsgDenyFilter.
     */
    boolean needsDeliveryFilter(String subject) {
        if (subscribeDeny == null || Subjects.subjectIsLiteral(subject)) {
            return false;
        }
        for (Entry e : subscribeDeny) {
            if (e.queue == null && Subjects.subjectIsSubsetMatch(e.subject, subject)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a message on {@code subject} is refused by the subscribe deny list (the delivery filter). */
    boolean deliveryDenied(String subject) {
        return subscribeDeny != null && matchesPlain(subscribeDeny, subject);
    }

    private static boolean anyMatches(String[] patterns, String subject) {
        for (String p : patterns) {
            if (Subjects.subjectMatches(subject, p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesPlain(Entry[] entries, String subject) {
        for (Entry e : entries) {
            if (e.queue == null && Subjects.subjectMatches(subject, e.subject)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> matchingQueues(Entry[] entries, String subject) {
        List<String> queues = new ArrayList<>(0);
        for (Entry e : entries) {
            if (e.queue != null && Subjects.subjectMatches(subject, e.subject)) {
                queues.add(e.queue);
            }
        }
        return queues;
    }

    /** nats-server's queueMatches: the same name, or a wildcard name that covers it. */
    private static boolean queueMatches(String queue, List<String> names) {
        for (String name : names) {
            if (queue.equals(name) || !Subjects.subjectIsLiteral(name) && Subjects.subjectIsSubsetMatch(queue, name)) {
                return true;
            }
        }
        return false;
    }
}
