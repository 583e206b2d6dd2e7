package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Supplies the pullback of a static method, yours or a library's, so that {@code
 * @Differentiable} code may call it: Adjoint then differentiates the call with this pullback
 * instead of reading (or refusing) the method's body. It enters the same rules table as the
 * built-in rules.
 *
 * <p>For {@code static double gamma(double x)} in class {@code Special}:
 *
 * <pre>{@code
 * @DerivativeOf(value = Special.class, method = "gamma")
 * static double gammaPullback(double x, double result, double resultBar) {
 *   return resultBar * result * digamma(x);
 * }
 * }</pre>
 *
 * <p>The pullback takes the method's parameters, then its result, then the result's adjoint,
 * then one adjoint per {@code double[]} or {@code double[][]} parameter (same shape; add into
 * it, never overwrite; it may be {@code null} when not needed). It returns the adjoint of the
 * method's one {@code double} parameter, or {@code void} when it has none. A signature that does
 * not fit is a compile error naming the parameter that is wrong.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DerivativeOf {

  /** The class that declares the method. */
  Class<?> value();

  /**
   * The method's name; it must be static. If it is overloaded, the overload whose parameters the
   * pullback follows is meant.
   */
  String method();
}
