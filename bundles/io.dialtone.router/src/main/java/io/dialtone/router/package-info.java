/**
 * Subject routing: NATS subject validation ({@link io.dialtone.router.Subjects}) and the subscription
 * index ({@link io.dialtone.router.SubjectIndex}) that maps a published subject to every plain and
 * queue subscription whose pattern matches it. Pure Java, no runtime dependencies.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dialtone.router;
