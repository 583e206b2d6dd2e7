package dev.adjoint.processor;

import dev.adjoint.processor.forward.Callees;
import dev.adjoint.processor.frontend.RequestedModes;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Mode;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.Elements;

/** The modes a called {@code @Differentiable} method asks for, read from its annotation. */
final class CalleeModes implements Callees {
  private final Elements elements;

  CalleeModes(Elements elements) {
    this.elements = elements;
  }

  @Override
  public boolean generates(Expr.Invoke call, Mode mode) {
    ExecutableElement callee = SplitCallees.callee(call, elements);
    return callee != null && OtherModes.expand(RequestedModes.of(callee)).contains(mode);
  }
}
