package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.Expr;
import java.util.List;

/**
 * The chain-rule template of one primitive: for each argument, its partial derivative as an IR
 * expression over {@link Expr.Hole}s (the arguments, and the primal result, which rules reuse
 * where they can: {@code exp' = result}).
 *
 * @param name the primitive, e.g. {@code exp} or {@code *}
 * @param partials one template per argument; empty when the derivative is zero everywhere it
 *     exists ({@code floor}, {@code signum}), so the result carries no gradient
 * @param note how the rule resolves a non-differentiable point, for the docs; may be empty
 * @param parameters the arguments' names in the templates' text ({@code y, x} for atan2), for
 *     notes that print a template
 */
public record Rule(String name, int arity, List<Expr> partials, String note,
    List<String> parameters) {
  public Rule {
    partials = List.copyOf(partials);
    parameters = List.copyOf(parameters);
  }

  public boolean isPiecewiseConstant() {
    return partials.isEmpty();
  }

  public Expr partial(int argument) {
    return partials.get(argument);
  }
}
