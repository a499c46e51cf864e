package io.dialtone.core.internal;

import io.dialtone.router.SubjectIndex;

/** An isolated subject space. Until accounts are configurable there is one, nats-server's global account. */
final class Account {

    static final String GLOBAL = "$G";

    final String name;
    final SubjectIndex<Subscription> index = new SubjectIndex<>();

    Account(String name) {
        this.name = name;
    }
}
