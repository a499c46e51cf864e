package io.dialtone.config.parse;

import static io.dialtone.config.parse.Conf.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PositionTest {

    private static Position at(int line, int column) {
        return new Position("t.conf", line, column);
    }

    @Test
    void keysAndValues() {
        ConfMap m = parse("port: 4222\n  host = \"h\"\ncluster {\n  name: c\n  routes [\n    a\n    b\n  ]\n}\n");
        assertEquals(at(1, 1), m.keyPosition("port"));
        assertEquals(at(1, 7), m.valuePosition("port"));
        assertEquals(at(2, 3), m.keyPosition("host"));
        assertEquals(at(2, 11), m.valuePosition("host"), "content of a quoted string");
        assertEquals(at(3, 1), m.keyPosition("cluster"));
        assertEquals(at(3, 9), m.valuePosition("cluster"), "the '{'");
        ConfMap cluster = (ConfMap) m.get("cluster");
        assertEquals(at(3, 9), cluster.position());
        assertEquals(at(4, 3), cluster.keyPosition("name"));
        assertEquals(at(4, 9), cluster.valuePosition("name"));
        ConfList routes = (ConfList) cluster.get("routes");
        assertEquals(at(5, 10), routes.position());
        assertEquals(at(6, 5), routes.position(0));
        assertEquals(at(7, 5), routes.position(1));
        assertNull(routes.position(2));
        assertNull(m.keyPosition("nope"));
        assertEquals(at(1, 1), m.position());
    }

    @Test
    void blockStringStartsAfterTheParenthesis() {
        ConfMap m = parse("a: 1\nb (\nx\n)\n");
        assertEquals(at(2, 1), m.keyPosition("b"));
        assertEquals(at(2, 4), m.valuePosition("b"));
    }

    @Test
    void messageFormat() {
        assertEquals("f.conf:3:7", new Position("f.conf", 3, 7).toString());
        ConfMap m = parse("port: 1\nfoo: 2");
        String msg = m.keyPosition("foo") + ": unknown field \"foo\"";
        assertEquals("t.conf:2:1: unknown field \"foo\"", msg);
    }
}
