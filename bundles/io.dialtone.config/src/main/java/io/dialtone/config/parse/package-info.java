/**
 * Parser for the nats-server configuration-file dialect ({@code conf/lex.go} and {@code conf/parse.go} of
 * nats-server 2.9). {@link io.dialtone.config.parse.ConfParser} turns a file into an ordered
 * {@link io.dialtone.config.parse.ConfMap}; every key and value keeps its
 * {@link io.dialtone.config.parse.Position} so that later validation can report
 * {@code file:line:col: unknown field "foo"} like nats-server does. Malformed input raises a
 * {@link io.dialtone.config.parse.ConfException}. {@link io.dialtone.config.parse.Durations} parses the Go
 * duration strings ({@code "2m"}, {@code "1h30m"}) that configuration values use. Pure Java.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dialtone.config.parse;
