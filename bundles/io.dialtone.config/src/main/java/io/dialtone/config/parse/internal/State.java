package io.dialtone.config.parse.internal;

/**
 * A state of the lexer state machine: consumes some input, maybe emits items, and returns the next state,
 * or {@code null} once the input is finished or an error has been emitted.
 */
@FunctionalInterface
interface State {
    State next(Lexer lx);
}
