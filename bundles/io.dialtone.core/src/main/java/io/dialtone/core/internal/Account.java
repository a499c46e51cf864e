package io.dialtone.core.internal;

import io.dialtone.router.SubjectIndex;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An isolated subject space, nats-server's account: clients admitted into it publish and subscribe only here, unless
 * imports link it with another. The global account {@code $G} takes every client no authenticator placed elsewhere.
 */
final class Account {

    static final String GLOBAL = "$G";
    /** nats-server's prefix for the reply subjects of imported service requests. */
    static final String REPLY_PREFIX = "_R_.";

    final String name;
    /** The name as RMSG writes it. */
    final byte[] nameBytes;
    /**
     * The local clients' interest as routes are told it: plain subscriptions per subject, queue members per subject
     * and queue group. Guarded by the broker's interest lock (see Broker#localInterest).
     */
    final Map<Interest, Integer> interest = new java.util.HashMap<>();
    final SubjectIndex<Subscription> index = new SubjectIndex<>();
    /** The account's subject mappings in order, or null when it has none. */
    volatile SubjectMapping[] mappings;
    /** What crosses to other accounts from here; null when nothing does (the publish path then checks nothing). */
    volatile Links links;
    /** Reply subjects given to imported requests, by the requester's reply they stand for. */
    final Map<String, Response> responses = new ConcurrentHashMap<>();

    /** nats-server's default response threshold: an unanswered import reply is forgotten after 2 minutes. */
    private static final long RESPONSE_TTL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    private static final int PRUNE_AT = 10_000;

    Account(String name) {
        this.name = name;
        this.nameBytes = name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** One line of interest a route is told about: a subject, with a queue group or null. */
    record Interest(String subject, String queue) {
    }

    /**
     * A fresh reply subject for a request imported into this account, standing for {@code reply} in
     * {@code importer}; the answer published to it here goes back there.
     */
    String owe(Account importer, String reply, boolean singleton) {
        String mapped = REPLY_PREFIX + token() + "." + token();
        long now = System.nanoTime();
        responses.put(mapped, new Response(importer, reply, singleton, now + RESPONSE_TTL_NANOS));
        if (responses.size() > PRUNE_AT) {
            responses.values().removeIf(x -> x.expiresNanos() - now < 0);
        }
        return mapped;
    }

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /** Six random characters, as the tokens of nats-server's {@code _R_.xxxxxx.yyyyyy} reply subjects. */
    private static String token() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        char[] t = new char[6];
        for (int i = 0; i < t.length; i++) {
            t[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return new String(t);
    }

    /** Where an answer published on {@code subject} is owed, or null; a singleton answer is owed once. */
    Response answer(String subject) {
        Response owed = responses.get(subject);
        if (owed == null) {
            return null;
        }
        if (owed.expiresNanos() - System.nanoTime() < 0) {
            responses.remove(subject, owed);
            return null;
        }
        return !owed.singleton() || responses.remove(subject, owed) ? owed : null;
    }

    /** A stream another account imports from this one: matching messages also go there, renamed. */
    record StreamRoute(Import source, String pattern, Account target, SubjectTransform rename) {
    }

    /** A service this account imports: requests on the local pattern go to the exporter, renamed. */
    record ServiceRoute(Import source, String pattern, Account target, SubjectTransform rename, boolean singleton) {
    }

    /** An imported request's reply, owed to the requester in {@code importer}. */
    record Response(Account importer, String reply, boolean singleton, long expiresNanos) {
    }

    /** The routes of an account, replaced as a whole when imports come and go. */
    record Links(StreamRoute[] streams, ServiceRoute[] services, boolean exportsServices) {
    }

    /** One configured import (io.dialtone.core's ImportComponent). */
    record Import(String account, String fromAccount, boolean stream, String subject, String to,
            String responseType) {
    }
}
