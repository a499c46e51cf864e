package io.dialtone.itests.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Makes small bundles for deployment tests. */
public final class Bundles {

    private Bundles() {
    }

    /**
     * Writes an empty bundle with the given symbolic name to {@code jar}, atomically (written beside it, then moved),
     * so a directory watcher never sees half a file.
     */
    public static Path write(Path jar, String symbolicName) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return Files.move(tmp, jar);
    }
}
