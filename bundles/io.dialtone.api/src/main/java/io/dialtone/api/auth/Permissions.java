package io.dialtone.api.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an admitted client may publish and subscribe to, as nats-server's {@code permissions} block: allow and deny
 * lists of subjects (wildcards allowed) for publishing and for subscribing, a subscribe entry {@code "subject queue"}
 * naming the only queue group allowed on it, and {@code allow_responses}. An empty allow list allows everything; deny
 * overrules allow. The broker compiles them into a matcher once per connection and checks them without calling out.
 */
public final class Permissions {

    /** No restriction at all. */
    public static final Permissions ALL = new Permissions(List.of(), List.of(), List.of(), List.of(), null);

    private final List<String> publishAllow;
    private final List<String> publishDeny;
    private final List<String> subscribeAllow;
    private final List<String> subscribeDeny;
    private final Responses responses;

    private Permissions(List<String> publishAllow, List<String> publishDeny, List<String> subscribeAllow,
            List<String> subscribeDeny, Responses responses) {
        this.publishAllow = List.copyOf(publishAllow);
        this.publishDeny = List.copyOf(publishDeny);
        this.subscribeAllow = List.copyOf(subscribeAllow);
        this.subscribeDeny = List.copyOf(subscribeDeny);
        this.responses = responses;
    }

    /**
     * Permissions from the four lists (null is taken as empty) and the response permission (null = none).
     */
    public static Permissions of(List<String> publishAllow, List<String> publishDeny, List<String> subscribeAllow,
            List<String> subscribeDeny, Responses responses) {
        return new Permissions(orEmpty(publishAllow), orEmpty(publishDeny), orEmpty(subscribeAllow),
                orEmpty(subscribeDeny), responses);
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    public List<String> publishAllow() {
        return publishAllow;
    }

    public List<String> publishDeny() {
        return publishDeny;
    }

    /** Entries are a subject, or a subject, a space and a queue group name. */
    public List<String> subscribeAllow() {
        return subscribeAllow;
    }

    /** Entries are a subject, or a subject, a space and a queue group name. */
    public List<String> subscribeDeny() {
        return subscribeDeny;
    }

    /** {@code allow_responses}, or {@code null} when not given. */
    public Responses responses() {
        return responses;
    }

    /** Whether these permissions restrict nothing. */
    public boolean unrestricted() {
        return publishAllow.isEmpty() && publishDeny.isEmpty() && subscribeAllow.isEmpty() && subscribeDeny.isEmpty();
    }

    /**
     * {@code allow_responses}: the client may publish to the reply subject of each request delivered to it, at most
     * {@code max} times (0 = no limit) within {@code expires} (zero = no limit) of its delivery, even where its publish
     * permissions say otherwise. nats-server's defaults for {@code allow_responses: true} are 1 and 2 minutes.
     */
    public record Responses(int max, Duration expires) {
        /** nats-server's {@code allow_responses: true}. */
        public static final Responses DEFAULT = new Responses(1, Duration.ofMinutes(2));

        public Responses {
            Objects.requireNonNull(expires, "expires");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permissions && ((Permissions) o).publishAllow.equals(publishAllow)
                && ((Permissions) o).publishDeny.equals(publishDeny)
                && ((Permissions) o).subscribeAllow.equals(subscribeAllow)
                && ((Permissions) o).subscribeDeny.equals(subscribeDeny)
                && Objects.equals(((Permissions) o).responses, responses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(publishAllow, publishDeny, subscribeAllow, subscribeDeny, responses);
    }

    @Override
    public String toString() {
        return "publish allow " + publishAllow + " deny " + publishDeny + ", subscribe allow " + subscribeAllow
                + " deny " + subscribeDeny + (responses == null ? "" : ", responses " + responses);
    }
}
