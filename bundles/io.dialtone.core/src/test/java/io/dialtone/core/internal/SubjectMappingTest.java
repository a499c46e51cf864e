package io.dialtone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The expected subjects are what nats-server 2.9.10 delivered for the same mappings and publishes. */
class SubjectMappingTest {

    private static String map(String source, String destination, String subject) {
        SubjectMapping m = SubjectMapping.of(source, List.of(new SubjectMapping.Destination(destination, 100)));
        assertTrue(m.matches(subject));
        return m.map(subject);
    }

    @Test
    void everyFunctionAsNatsServerMapsIt() {
        assertEquals("lit2", map("lit", "lit2", "lit"));
        assertEquals("uno.x", map("one.*", "uno.{{wildcard(1)}}", "one.x"));
        assertEquals("dos.b.a", map("two.*.*", "dos.{{Wildcard(2)}}.$1", "two.a.b"));
        assertEquals("p.6.a.b", map("part.*.*", "p.{{partition(10,1,2)}}.{{wildcard(1)}}.{{wildcard(2)}}", "part.a.b"));
        assertEquals("p.2.x.y", map("part.*.*", "p.{{partition(10,1,2)}}.{{wildcard(1)}}.{{wildcard(2)}}", "part.x.y"));
        assertEquals("p.0.foo.bar",
                map("part.*.*", "p.{{partition(10,1,2)}}.{{wildcard(1)}}.{{wildcard(2)}}", "part.foo.bar"));
        assertEquals("sp.a.b.c", map("sp.*", "sp.{{split(1,-)}}", "sp.a-b--c-"));
        assertEquals("sp.a", map("sp.*", "sp.{{split(1,-)}}", "sp.-a"));
        assertEquals("sfl.ab.cde", map("sfl.*", "sfl.{{SplitFromLeft(1,2)}}", "sfl.abcde"));
        assertEquals("sfr.abc.de", map("sfr.*", "sfr.{{splitFromRight(1,2)}}", "sfr.abcde"));
        assertEquals("slf.ab.cd.e", map("slf.*", "slf.{{SliceFromLeft(1,2)}}", "slf.abcde"));
        assertEquals("slr.a.bc.de", map("slr.*", "slr.{{sliceFromRight(1,2)}}", "slr.abcde"));
        assertEquals("slf.ab", map("slf.*", "slf.{{SliceFromLeft(1,2)}}", "slf.ab"));
        assertEquals("r.a.b", map("rest.>", "r.>", "rest.a.b"));
    }

    @Test
    void weightsSplitTheTrafficAndTheRestKeepsTheSubject() {
        SubjectMapping m = SubjectMapping.of("half", List.of(new SubjectMapping.Destination("h.a", 50)));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000 && seen.size() < 2; i++) {
            seen.add(m.map("half"));
        }
        assertEquals(Set.of("half", "h.a"), seen);
    }

    @Test
    void badMappingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> map("a.*", "b.{{wildcard(2)}}", "a.x"));
        assertThrows(IllegalArgumentException.class, () -> map("a.*", "b.{{nosuch(1)}}", "a.x"));
        assertThrows(IllegalArgumentException.class, () -> SubjectMapping.of("a",
                List.of(new SubjectMapping.Destination("b", 60), new SubjectMapping.Destination("c", 60))));
    }
}
