package dev.adjoint.processor;

import dev.adjoint.processor.ir.Mode;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * One method to differentiate: what the pipeline is asked to produce.
 *
 * @param method the user's {@code @Differentiable} method
 * @param mode what to generate for it
 * @param wrt the positions of the parameters to differentiate, in declaration order
 * @param analyses false for {@code -Aadjoint.analyses=off}: every double active, every
 *     overwrite recorded
 */
public record Request(ExecutableElement method, Mode mode, List<Integer> wrt,
    boolean analyses) {
  public Request {
    wrt = List.copyOf(wrt);
  }
}
