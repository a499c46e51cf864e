package io.dialtone.itests.guard;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Fails the build when the in-framework run executed fewer tests than the test classes declare. The bnd tester finds
 * zero tests with an unsupported JUnit and the build would still pass (STACK.md); this makes that loud. A concrete
 * class counts the {@code @Test} methods it inherits (the storage TCK's abstract classes run through subclasses);
 * an abstract class counts for nothing on its own.
 *
 * <p>Run by exec-maven-plugin after bnd-testing: {@code TestCountGuard <test-classes dir> <reports dir>}.
 */
public final class TestCountGuard {

    private static final Pattern TESTS = Pattern.compile("<testsuite [^>]*?tests=\"(\\d+)\"");

    private TestCountGuard() {
    }

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        Path reports = Path.of(args[1]);
        int declared = declaredTests(classes);
        int ran = ranTests(reports);
        if (ran < declared) {
            throw new IllegalStateException("in-framework tests: " + declared + " declared but only " + ran
                    + " ran (reports in " + reports + ")");
        }
        System.out.println("in-framework tests: " + ran + " ran of " + declared + " declared");
    }

    static int declaredTests(Path classes) throws Exception {
        int n = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, TestCountGuard.class.getClassLoader());
                if (c.isInterface() || java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
                    continue;
                }
                for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                    for (Method m : k.getDeclaredMethods()) {
                        if (m.isAnnotationPresent(org.junit.jupiter.api.Test.class)) {
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    static int ranTests(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return 0;
        }
        int n = 0;
        List<Path> xml;
        try (Stream<Path> files = Files.walk(reports)) {
            xml = files.filter(f -> f.toString().endsWith(".xml")).collect(Collectors.toList());
        }
        for (Path p : xml) {
            Matcher m = TESTS.matcher(Files.readString(p));
            while (m.find()) {
                n += Integer.parseInt(m.group(1));
            }
        }
        return n;
    }
}
