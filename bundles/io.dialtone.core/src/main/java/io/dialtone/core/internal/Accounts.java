package io.dialtone.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts (nats-server's): isolated subject spaces by name, created when first named, with the imports that
 * link them and the subject mappings of each. The global account {@code $G} takes every client no authenticator
 * placed elsewhere; the system account {@code $SYS} is where the server's own services (the JetStream API) listen.
 * A service of its own, so that the broker, the configuration components and, through the in-process client API,
 * other bundles share one set.
 */
@Component(service = Accounts.class)
public final class Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
    /** nats-server's system account name. */
    static final String SYSTEM = "$SYS";

    final Account global = new Account(Account.GLOBAL);
    /** Every account by name, the global one included. */
    private final Map<String, Account> byName = new ConcurrentHashMap<>(Map.of(Account.GLOBAL, global));

    /** Every account so far (a live view). */
    Collection<Account> all() {
        return byName.values();
    }

    /** The system account (created when first asked for). */
    Account system() {
        return account(SYSTEM);
    }

    /** The account named if it exists (null or empty names the global account), else null. */
    Account existing(String name) {
        return name == null || name.isEmpty() ? global : byName.get(name);
    }

    /** The account named (created empty when new); null or empty names the global account. */
    Account account(String name) {
        return name == null || name.isEmpty() ? global : byName.computeIfAbsent(name, Account::new);
    }

    private final List<Account.Import> imports = new ArrayList<>();
    private final List<Mapping> mappings = new ArrayList<>();

    /** A subject mapping of an account, at its position among the account's mappings. */
    record Mapping(String account, int order, SubjectMapping mapping) {
    }

    synchronized void addMapping(Mapping m) {
        mappings.add(m);
        remap();
        LOG.info("Account \"{}\" maps \"{}\"", account(m.account()).name, m.mapping().source());
    }

    synchronized void removeMapping(Mapping m) {
        mappings.remove(m);
        remap();
    }

    /** Gives every account its mappings in order (null when it has none: then publishing checks nothing more). */
    private void remap() {
        Map<Account, List<Mapping>> byAccount = new java.util.HashMap<>();
        for (Mapping m : mappings) {
            byAccount.computeIfAbsent(account(m.account()), a -> new ArrayList<>()).add(m);
        }
        for (Account a : byName.values()) {
            List<Mapping> list = byAccount.getOrDefault(a, List.of());
            a.mappings = list.isEmpty() ? null : list.stream().sorted(Comparator.comparingInt(Mapping::order))
                    .map(Mapping::mapping).toArray(SubjectMapping[]::new);
        }
    }

    /** Adds an import between two accounts (both created if new); takes effect for the next message published. */
    synchronized void addImport(Account.Import i) {
        imports.add(i);
        relink();
        LOG.info("Account \"{}\" imports {} \"{}\" of account \"{}\" as \"{}\"", i.account(),
                i.stream() ? "stream" : "service", i.subject(), i.fromAccount(), i.to());
    }

    synchronized void removeImport(Account.Import i) {
        imports.remove(i);
        relink();
    }

    /** Recomputes every account's routes to others from the imports (they are few; messages read them lock-free). */
    private void relink() {
        Map<Account, List<Account.StreamRoute>> streams = new java.util.HashMap<>();
        Map<Account, List<Account.ServiceRoute>> services = new java.util.HashMap<>();
        java.util.Set<Account> exporters = new java.util.HashSet<>();
        for (Account.Import i : imports) {
            Account importer = account(i.account());
            Account exporter = account(i.fromAccount());
            if (i.stream()) {
                streams.computeIfAbsent(exporter, a -> new ArrayList<>()).add(new Account.StreamRoute(i, i.subject(),
                        importer, SubjectTransform.of(i.subject(), i.to())));
            } else {
                services.computeIfAbsent(importer, a -> new ArrayList<>()).add(new Account.ServiceRoute(i, i.to(),
                        exporter, SubjectTransform.of(i.to(), i.subject()), "singleton".equals(i.responseType())));
                exporters.add(exporter);
            }
        }
        for (Account a : byName.values()) {
            List<Account.StreamRoute> st = streams.getOrDefault(a, List.of());
            List<Account.ServiceRoute> sv = services.getOrDefault(a, List.of());
            a.links = st.isEmpty() && sv.isEmpty() && !exporters.contains(a) ? null
                    : new Account.Links(st.toArray(Account.StreamRoute[]::new),
                            sv.toArray(Account.ServiceRoute[]::new), exporters.contains(a));
        }
    }
}
