package io.dialtone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SubjectTransformTest {

    @Test
    void prefixesRenamesAndSwapsWildcards() {
        assertEquals("from_a.pub.x.y", SubjectTransform.of("pub.>", "from_a.pub.>").apply("pub.x.y"));
        assertEquals("pub.x", SubjectTransform.of("pub.x", "pub.x").apply("pub.x"));
        assertEquals("help", SubjectTransform.of("a.help", "help").apply("a.help"));
        assertEquals("svc.7.get", SubjectTransform.of("local.*.get", "svc.*.get").apply("local.7.get"));
        assertEquals("b.2.1", SubjectTransform.of("a.*.*", "b.*.*").apply("a.2.1"));
        assertEquals("x.a.b", SubjectTransform.of("p.>", "x.>").apply("p.a.b"));
    }
}
