package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put by the processor on a generated pullback whose method writes into array parameters (or
 * the arrays of record parameters), naming those parameters. Adjoint reads such a method into
 * its callers; a caller compiled without the method's source finds this in the compiled
 * adjoint class and is refused, rather than given a gradient computed from the changed arrays.
 * Not for use in your own code.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface WritesArrays {
  /** The parameters written into, in declaration order. */
  String[] value();
}
