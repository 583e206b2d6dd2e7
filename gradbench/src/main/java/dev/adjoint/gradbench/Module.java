package dev.adjoint.gradbench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One GradBench module, such as {@code gmm}: the functions an eval asks for by name. Each
 * objective is plain {@code @Differentiable} Java; its derivatives come from the generated
 * adjoint class only.
 */
public interface Module {
  /**
   * Prepares {@code function} at {@code input}: reads the input (not timed) and returns the
   * evaluation to time, or {@code null} when this module has no function of that name.
   *
   * @throws IllegalArgumentException when the input does not have the eval's shape
   */
  Evaluation prepare(String function, JsonNode input);
}
