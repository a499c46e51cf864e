/** Example interceptors: a publish interceptor and a delivery interceptor, the templates for extension bundles. */
package io.dialtone.example.stamp.internal;
