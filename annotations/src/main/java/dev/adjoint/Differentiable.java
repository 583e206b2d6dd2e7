package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method whose adjoint (reverse-mode derivative) Adjoint generates at compile
 * time.
 *
 * <p>For a class {@code Losses} with annotated methods, the annotation processor writes
 * {@code LossesAdjoint} into the same package. For each annotated method {@code f} it holds:
 *
 * <ul>
 *   <li>{@code f(...)}: the value and the gradient with respect to every differentiated
 *       parameter, returned as the record {@code FGradient};
 *   <li>{@code fPullback(..., double seed, double[] grad)}: the value, with {@code seed} times
 *       the gradient <em>added</em> to {@code grad} (one slot per differentiated parameter, in
 *       declaration order); it allocates nothing.
 * </ul>
 *
 * <p>The method must be {@code static}, not {@code private}, return {@code double}, and take
 * parameters of type {@code double}, {@code int}, {@code long} or {@code boolean}. Anything in its
 * body that Adjoint cannot differentiate is a compile error at that construct, never a silently
 * wrong gradient.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {

  /**
   * Names of the parameters to differentiate with respect to, in any order. Empty (the default)
   * means every {@code double} parameter. The others are passed through and get no adjoint.
   */
  String[] wrt() default {};
}
