package dev.adjoint.processor.rules;

import javax.lang.model.element.TypeElement;

/**
 * The names of the derivative code generated for a {@code @Differentiable} method: the class
 * its adjoint is generated in and its pullback's name. The frontend records what a call calls;
 * this hook, filled by the code generator's naming, says what the adjoint calls for it.
 */
public interface DerivativeNames {
  /** The canonical name of the class generated for {@code owner}'s adjoints. */
  String adjointClass(TypeElement owner);

  /** The name of the generated pullback of method {@code method}. */
  String pullback(String method);
}
