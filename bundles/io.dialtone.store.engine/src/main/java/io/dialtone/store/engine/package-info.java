/**
 * The stream-store engine both storage providers embed privately: the in-memory index, the operation logic, the
 * consumer state machine and the snapshot format. Not exported by any bundle.
 */
package io.dialtone.store.engine;
