package io.dialtone.config.parse.internal;

import io.dialtone.config.parse.ConfException;
import io.dialtone.config.parse.ConfList;
import io.dialtone.config.parse.ConfMap;
import io.dialtone.config.parse.Position;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the {@link ConfMap} tree from the {@link Lexer}'s items, as parse.go does: a stack of open maps and
 * lists and a stack of pending keys; a value goes to the innermost list, or to the innermost map under the
 * last pending key. Also resolves variables and includes.
 *
 * <p>Unlike nats-server 2.9, a key left without a value (at the end of the input, or before the {@code '}'}
 * of its map) is an error: nats-server drops it silently, and in a map it even files the map under the wrong
 * key. The one exception is the {@code '}'} closing a file wrapped in braces, which lex.go reads as a last
 * key without value.
 */
public final class Parser {

    private static final String ENV_KEY = "pk";

    private final String source;
    private final Path baseDir;
    private final Function<String, String> env;
    private final IncludeChain chain;
    private final Set<String> envInProgress;
    private final Lexer lexer;
    private final Deque<Object> contexts = new ArrayDeque<>();
    /** Key depth when each open context was opened, to spot keys left without a value. */
    private final Deque<Integer> keyDepths = new ArrayDeque<>();
    private final Deque<Item> keys = new ArrayDeque<>();

    private Parser(String text, String source, Path baseDir, Function<String, String> env, IncludeChain chain,
            Set<String> envInProgress) {
        this.source = source;
        this.baseDir = baseDir;
        this.env = env;
        this.chain = chain;
        this.envInProgress = envInProgress;
        this.lexer = new Lexer(text);
    }

    /**
     * Parses a file; its includes resolve against its directory.
     *
     * @param file the file
     * @param env  environment lookup for variables
     */
    public static ConfMap parseFile(Path file, Function<String, String> env) throws ConfException {
        return parseFile(file, env, IncludeChain.empty());
    }

    private static ConfMap parseFile(Path file, Function<String, String> env, IncludeChain chain)
            throws ConfException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw readFailure(file, "no such file or directory", e);
        } catch (IOException | RuntimeException e) {
            throw readFailure(file, Objects.toString(e.getMessage(), e.getClass().getSimpleName()), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return new Parser(text, file.toString(), dir, env, chain.with(file), new HashSet<>()).parse();
    }

    private static ConfException readFailure(Path file, String why, Exception cause) {
        return new ConfException(file.toString(), 0, 0, "error opening config file: open " + file + ": " + why, cause);
    }

    /**
     * Parses text.
     *
     * @param text    the configuration
     * @param baseDir directory that includes resolve against; {@code null} for the working directory
     * @param source  name used in positions and messages
     * @param env     environment lookup for variables
     */
    public static ConfMap parseText(String text, Path baseDir, String source, Function<String, String> env)
            throws ConfException {
        Path dir = baseDir != null ? baseDir : Path.of("").toAbsolutePath();
        return new Parser(text, source, dir, env, IncludeChain.empty(), new HashSet<>()).parse();
    }

    private ConfMap parse() throws ConfException {
        ConfMap root = new ConfMap(new Position(source, 1, 1));
        open(root);
        for (Item it = lexer.nextItem(); it.type() != ItemType.EOF; it = lexer.nextItem()) {
            process(it);
        }
        if (contexts.size() == 1 && keys.size() == 1 && keys.peek().value().equals("}")) {
            keys.pop(); // the closing brace of a file wrapped in { } (lex.go reads it as a key at the end)
        }
        if (!keys.isEmpty()) {
            throw missingValue(keys.peek());
        }
        if (contexts.size() > 1) {
            Object open = contexts.peek();
            Position at = open instanceof ConfMap m ? m.position() : ((ConfList) open).position();
            throw new ConfException(at, (open instanceof ConfMap ? "map" : "array") + " is not terminated");
        }
        return root;
    }

    private void process(Item it) throws ConfException {
        switch (it.type()) {
            case ERROR -> throw new ConfException(source, it.line(), it.column(), it.value());
            case KEY -> keys.push(it);
            case MAP_START -> open(new ConfMap(at(it)));
            case MAP_END -> {
                ConfMap map = (ConfMap) close(it);
                setValue(map, map.position());
            }
            case ARRAY_START -> open(new ConfList(at(it)));
            case ARRAY_END -> {
                ConfList list = (ConfList) close(it);
                setValue(list, list.position());
            }
            case STRING -> setValue(it.value(), at(it));
            case INTEGER -> setValue(convert(it, () -> Scalars.integer(it.value())), at(it));
            case FLOAT -> setValue(convert(it, () -> Scalars.floating(it.value())), at(it));
            case BOOL -> setValue(convert(it, () -> Scalars.bool(it.value())), at(it));
            case DATETIME -> setValue(convert(it, () -> Scalars.datetime(it.value())), at(it));
            case VARIABLE -> setValue(resolve(it), at(it));
            case INCLUDE -> include(it);
            case EOF -> {
                // handled by the loop
            }
        }
    }

    private Position at(Item it) {
        return new Position(source, it.line(), it.column());
    }

    private void open(Object context) {
        contexts.push(context);
        keyDepths.push(keys.size());
    }

    private Object close(Item end) throws ConfException {
        if (keys.size() > keyDepths.peek()) {
            throw missingValue(keys.peek());
        }
        keyDepths.pop();
        return contexts.pop();
    }

    private ConfException missingValue(Item key) {
        return new ConfException(at(key), "key '" + key.value() + "' has no value");
    }

    private void setValue(Object value, Position valuePosition) {
        Object ctx = contexts.peek();
        if (ctx instanceof ConfList list) {
            list.add(value, valuePosition);
        } else {
            Item key = keys.pop();
            ((ConfMap) ctx).put(key.value(), value, at(key), valuePosition);
        }
    }

    @FunctionalInterface
    private interface Conversion {
        Object get() throws Scalars.Invalid;
    }

    private Object convert(Item it, Conversion conversion) throws ConfException {
        try {
            return conversion.get();
        } catch (Scalars.Invalid e) {
            throw new ConfException(at(it), e.getMessage());
        }
    }

    private Object resolve(Item it) throws ConfException {
        String name = it.value();
        Variables.Resolved found;
        try {
            found = Variables.resolve(name, contexts, env, this::parseEnvironmentValue);
        } catch (Scalars.Invalid e) {
            throw new ConfException(at(it), "variable reference for '" + name + "' could not be parsed: "
                    + e.getMessage());
        }
        if (found == null) {
            throw new ConfException(at(it), "variable reference for '" + name + "' can not be found");
        }
        return found.value();
    }

    /** parse.go parses {@code pk=<value>} with a fresh parser that sees only the environment. */
    private Object parseEnvironmentValue(String name, String raw) throws Scalars.Invalid {
        if (!envInProgress.add(name)) {
            throw new Scalars.Invalid("environment variable '" + name + "' refers to itself");
        }
        try {
            Parser nested = new Parser(ENV_KEY + "=" + raw, "$" + name, Path.of("").toAbsolutePath(), env,
                    IncludeChain.empty(), envInProgress);
            return nested.parse().get(ENV_KEY);
        } catch (ConfException e) {
            throw new Scalars.Invalid(e.reason());
        } finally {
            envInProgress.remove(name);
        }
    }

    /** parse.go joins the directory of the including file with the operand, so even "/abs" is relative. */
    private void include(Item it) throws ConfException {
        String operand = it.value();
        String relative = operand.replaceFirst("^[/\\\\]+", "");
        Path file = baseDir.resolve(relative).normalize();
        String cycle = chain.cycleThrough(file);
        if (cycle != null) {
            throw new ConfException(at(it), "include cycle: " + cycle);
        }
        ConfMap included;
        try {
            included = parseFile(file, env, chain);
        } catch (ConfException e) {
            if (e.line() > 0) {
                throw e; // the problem is inside the included file: report it there
            }
            Position at = at(it);
            throw new ConfException(at.source(), at.line(), at.column(),
                    "error parsing include file '" + operand + "', " + e.reason(), e);
        }
        ConfMap target = (ConfMap) contexts.peek();
        for (Map.Entry<String, Object> e : included.entrySet()) {
            String k = e.getKey();
            target.put(k, e.getValue(), included.keyPosition(k), included.valuePosition(k));
            if (included.isUsedAsVariable(k)) {
                target.markUsedAsVariable(k);
            }
        }
    }
}
