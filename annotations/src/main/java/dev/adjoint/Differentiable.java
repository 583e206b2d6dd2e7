package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose adjoint (reverse-mode derivative) Adjoint generates at compile time.
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
 * <p>{@link #modes()} adds more: {@code @Differentiable(modes = {Mode.REVERSE, Mode.FORWARD})}
 * also generates {@code fJvp} (forward mode: the value's directional derivative), {@code
 * Mode.HESSIAN} also generates {@code fPullbackJvp}, {@code fHvp} and {@code fHessian} (second
 * order, forward over reverse). Reverse mode's methods are always generated.
 *
 * <p>The method is static, or an instance method of a class whose fields it reads; it is not
 * {@code private}; it returns {@code double} or {@code double[]} (a vector–Jacobian pullback), or
 * is {@code void} writing one {@code double[]} parameter; its parameters are {@code double},
 * {@code double[]}, {@code double[][]}, {@code int}, {@code long}, {@code boolean}, {@code
 * char}, {@code int[]}, enums, {@code String} or records of these (the README lists exactly what
 * a body may contain). Anything in its body that Adjoint cannot differentiate is a compile error
 * at that construct, never a silently wrong gradient.
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

  /**
   * What to generate besides the reverse-mode methods, which every {@code @Differentiable}
   * method gets ({@link Mode#REVERSE} may be listed or not). A mode the method's body does not
   * support is a compile error at that construct.
   */
  Mode[] modes() default {Mode.REVERSE};

  /** A kind of derivative code to generate. */
  enum Mode {
    /** The pullback {@code fPullback} and the value-and-gradient call {@code f}. */
    REVERSE,
    /**
     * Forward (tangent) mode, {@code fJvp}: for a {@code double} result, {@code double
     * fJvp(params..., paramDots...)} returns the directional derivative ∇f·ṗ, allocating
     * nothing; for a {@code double[]} result, {@code double[] fJvp(params..., paramDots...,
     * double[] resultDot)} writes J·ṗ into {@code resultDot} and returns the value.
     */
    FORWARD,
    /**
     * Second order by forward over reverse: {@code fPullbackJvp} (the tangent of the pullback),
     * {@code fHvp(params..., v..., double[] hv, double[] xHv...)} adding H·v, and {@code
     * fHessian(params...)} (n Hessian-vector products, n the differentiated doubles).
     */
    HESSIAN
  }
}
