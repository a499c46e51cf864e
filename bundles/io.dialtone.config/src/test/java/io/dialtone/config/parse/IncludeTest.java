package io.dialtone.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void includesRelativeToTheIncludingFile() throws Exception {
        write("a.conf", "P = 5\nq: 1\ninclude sub/b.conf\n");
        write("sub/b.conf", "r: 2\ninclude \"c.conf\"\n");
        write("sub/c.conf", "s: 3\n");
        Path top = write("top.conf", "x {\n include a.conf\n y: $P\n}\nz: 0\ninclude 'a.conf'; w: 1");
        ConfMap m = Conf.parser().parseFile(top);
        assertEquals(Map.of("P", 5L, "q", 1L, "r", 2L, "s", 3L, "y", 5L), m.get("x"));
        assertEquals(List.of("x", "z", "P", "q", "r", "s", "w"), List.copyOf(m.keySet()));
        ConfMap x = (ConfMap) m.get("x");
        assertEquals(new Position(dir.resolve("sub/c.conf").toString(), 1, 1), x.keyPosition("s"));
        assertEquals(new Position(top.toString(), 3, 2), x.keyPosition("y"));
        assertTrue(x.isUsedAsVariable("P"));
    }

    @Test
    void includeInsideBracesAndTextWithBaseDir() throws Exception {
        write("inc.conf", "a: 1");
        assertEquals(Map.of("x", Map.of("a", 1L)), ConfParser.parse("x { include inc.conf }", dir, "mem"));
    }

    @Test
    void includedFileDoesNotSeeTheIncludersVariables() throws Exception {
        write("inc.conf", "v: $OUTER");
        Path top = write("top.conf", "OUTER = 1\ninclude inc.conf");
        ConfException e = assertThrows(ConfException.class, () -> Conf.parser().parseFile(top));
        assertEquals(dir.resolve("inc.conf").toString(), e.source());
        assertEquals(1, e.line());
        assertEquals(4, e.column());
    }

    @Test
    void absoluteOperandIsJoinedToTheDirectoryLikeNatsServer() throws Exception {
        write("etc/x.conf", "a: 1");
        Path top = write("top.conf", "include /etc/x.conf");
        assertEquals(Map.of("a", 1L), Conf.parser().parseFile(top));
    }

    @Test
    void missingInclude() throws Exception {
        Path top = write("top.conf", "port: 4222\ninclude ./missing.conf\n");
        ConfException e = assertThrows(ConfException.class, () -> Conf.parser().parseFile(top));
        assertEquals(top.toString(), e.source());
        assertEquals(2, e.line());
        assertEquals(9, e.column());
        assertTrue(e.reason().startsWith("error parsing include file './missing.conf', "), e.reason());
        assertTrue(e.reason().endsWith("no such file or directory"), e.reason());
    }

    @Test
    void errorInsideIncludedFileIsReportedThere() throws Exception {
        write("bad.conf", "a: 1\nb: \"oops\n");
        Path top = write("top.conf", "include bad.conf");
        ConfException e = assertThrows(ConfException.class, () -> Conf.parser().parseFile(top));
        assertEquals(dir.resolve("bad.conf").toString() + ":3:1: Unexpected EOF.", e.getMessage());
    }

    @Test
    void includeCycle() throws Exception {
        Path a = write("a.conf", "port: 4222\ninclude ./b.conf\n");
        write("b.conf", "# b\ninclude \"a.conf\"\n");
        ConfException e = assertThrows(ConfException.class, () -> Conf.parser().parseFile(a));
        assertEquals(dir.resolve("b.conf").toString(), e.source());
        assertEquals(2, e.line());
        assertEquals(10, e.column());
        assertTrue(e.reason().startsWith("include cycle: "), e.reason());
        assertTrue(e.reason().endsWith("a.conf -> " + dir.toRealPath().resolve("b.conf") + " -> "
                + dir.toRealPath().resolve("a.conf")), e.reason());
    }

    @Test
    void selfInclude() throws Exception {
        Path a = write("self.conf", "include self.conf");
        ConfException e = assertThrows(ConfException.class, () -> Conf.parser().parseFile(a));
        assertTrue(e.reason().startsWith("include cycle"));
    }

    @Test
    void includingTheSameFileTwiceIsNoCycle() throws Exception {
        write("common.conf", "n: 1");
        Path top = write("top.conf", "a { include common.conf }\nb { include common.conf }");
        assertEquals(Map.of("a", Map.of("n", 1L), "b", Map.of("n", 1L)), Conf.parser().parseFile(top));
    }

    @Test
    void missingMainFile() {
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(dir.resolve("nope.conf")));
        assertEquals(0, e.line());
        assertTrue(e.getMessage().endsWith("no such file or directory"), e.getMessage());
    }

    @Test
    void corpusCycleFiles() throws Exception {
        Path a = Path.of(getClass().getResource("/corpus/includes/cycle-a.conf").toURI());
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(a));
        assertTrue(e.reason().startsWith("include cycle"), e.reason());
    }
}
