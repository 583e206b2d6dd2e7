package dev.adjoint.processor.emit;

import dev.adjoint.processor.rules.DerivativeNames;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** The names {@link AdjointClassGenerator} gives what it generates, for callers of it. */
public final class GeneratedDerivativeNames implements DerivativeNames {
  private final Elements elements;

  public GeneratedDerivativeNames(Elements elements) {
    this.elements = elements;
  }

  @Override
  public String adjointClass(TypeElement owner) {
    return AdjointClassGenerator.adjointClassName(owner, elements).canonicalName();
  }

  @Override
  public String pullback(String method) {
    return method + "Pullback";
  }
}
