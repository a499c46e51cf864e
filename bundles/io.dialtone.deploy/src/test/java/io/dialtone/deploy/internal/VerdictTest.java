package io.dialtone.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictTest {

    @TempDir
    Path dir;

    @Test
    void aZipThatIsNoJarIsNamedWithTheReason() throws IOException {
        Path f = Files.writeString(dir.resolve("broken.jar"), "not a zip");
        String why = DeployDiagnostics.reason(f.toFile());
        assertTrue(why != null && why.startsWith("it is not a readable jar"), why);
    }

    @Test
    void aPlainJarIsNoBundle() throws IOException {
        Path f = jar(dir.resolve("plain.jar"), null);
        assertTrue(DeployDiagnostics.reason(f.toFile()).contains("no Bundle-SymbolicName"));
    }

    @Test
    void aBundleIsLeftToFileInstall() throws IOException {
        assertNull(DeployDiagnostics.reason(jar(dir.resolve("good.jar"), "x.y").toFile()));
    }

    @Test
    void configFiles() throws IOException {
        Path good = Files.writeString(dir.resolve("a.config"), "max_payload=I\"2048\"\nname=\"x\"\n", StandardCharsets.UTF_8);
        assertNull(DeployDiagnostics.reason(good.toFile()));
        Path bad = Files.writeString(dir.resolve("b.config"), "max_payload=I\"abc\n", StandardCharsets.UTF_8);
        String why = DeployDiagnostics.reason(bad.toFile());
        assertTrue(why != null && why.startsWith("it is not a valid .config file"), why);
        assertNull(DeployDiagnostics.reason(Files.writeString(dir.resolve("c.cfg"), "k=v").toFile()));
    }

    @Test
    void filterValuesAreEscaped() {
        org.junit.jupiter.api.Assertions.assertEquals("file:/a\\(b\\)\\*c\\\\d",
                DeployDiagnostics.escape("file:/a(b)*c\\d"));
    }

    @Test
    void cfgFilesMustBeKeyValueLines() throws IOException {
        assertNull(DeployDiagnostics.reason(Files.writeString(dir.resolve("ok.cfg"),
                "# comment\n! also a comment\n\na=1\nb : 2\nlong=x\\\n  continued\n").toFile()));
        String why = DeployDiagnostics.reason(Files.writeString(dir.resolve("bad.cfg"), "a=1\ngarbage\n").toFile());
        assertTrue(why != null && why.equals("it is not a valid .cfg file (line 2 is not key=value)"), why);
    }

    private static Path jar(Path p, String bsn) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bsn != null) {
            m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            m.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        }
        try (OutputStream out = Files.newOutputStream(p); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return p;
    }
}
