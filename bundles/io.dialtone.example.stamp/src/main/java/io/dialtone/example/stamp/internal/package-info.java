/** An example publish interceptor. */
package io.dialtone.example.stamp.internal;
