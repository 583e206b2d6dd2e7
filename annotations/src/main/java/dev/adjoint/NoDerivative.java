package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A parameter of a {@code @Differentiable} method (or of a plain helper one calls) that is not
 * differentiated: it is passed through and gets no adjoint and no gradient slot. An alternative
 * to listing the others in {@link Differentiable#wrt()}; naming it there too is an error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface NoDerivative {}
