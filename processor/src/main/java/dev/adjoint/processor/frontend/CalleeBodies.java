package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Type;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads the body of a callee that writes into its array arguments (or returns nothing) on its
 * own, for {@link InlinedCalls} to read it into the caller: a pullback of such a method would
 * have to see the arrays as they were on entry, which the caller's IR gives for free.
 */
public interface CalleeBodies {

  /**
   * A callee's body in IR, its parameters its own variables; or, if it cannot be read, the
   * problem (its first error, or that it calls itself through such calls).
   */
  record Body(Function function, String problem, List<HelperCall> helperCalls) {}

  Body read(ExecutableElement callee, List<Type> parameterTypes);

  /** For readers that never meet such a call (tests of single methods). */
  CalleeBodies NONE = (callee, types) -> new Body(null, "its source is not available", List.of());
}
