/** An example authenticator. */
package io.dialtone.example.guest.internal;
