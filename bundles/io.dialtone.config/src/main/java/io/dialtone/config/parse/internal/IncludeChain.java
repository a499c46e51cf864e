package io.dialtone.config.parse.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The files being parsed, outermost first, to detect include cycles (nats-server 2.9 recurses until its stack
 * overflows). Immutable: each nested parse gets a longer chain.
 */
final class IncludeChain {

    private final List<Path> files;

    private IncludeChain(List<Path> files) {
        this.files = files;
    }

    static IncludeChain empty() {
        return new IncludeChain(List.of());
    }

    /** @return a chain with {@code file} (or nothing, for text without a file) appended */
    IncludeChain with(Path file) {
        if (file == null) {
            return this;
        }
        List<Path> longer = new ArrayList<>(files);
        longer.add(identity(file));
        return new IncludeChain(List.copyOf(longer));
    }

    /** @return {@code a.conf -> b.conf -> a.conf} if {@code file} is already in the chain, else {@code null} */
    String cycleThrough(Path file) {
        Path id = identity(file);
        int at = files.indexOf(id);
        if (at < 0) {
            return null;
        }
        return files.subList(at, files.size()).stream().map(Path::toString).collect(Collectors.joining(" -> "))
                + " -> " + id;
    }

    private static Path identity(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }
}
