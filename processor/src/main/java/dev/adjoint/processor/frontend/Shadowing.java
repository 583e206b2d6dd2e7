package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.util.Elements;

/**
 * Which {@code java.lang} names the generated code may not write unqualified: it lives in the
 * package of the annotated class, where a class of the same simple name ({@code Math}, {@code
 * Integer}) takes the name. (How the user's own names resolve is {@link NameResolver}'s.)
 */
public final class Shadowing {
  private final Elements elements;
  private final String prefix;
  private final Map<String, Boolean> shadowed = new HashMap<>();

  /** {@code unit} is unused: the generated code's imports are its own. */
  public Shadowing(Element method, CompilationUnitTree unit, Elements elements) {
    this.elements = elements;
    PackageElement pkg = elements.getPackageOf(method);
    this.prefix = pkg.isUnnamed() ? "" : pkg.getQualifiedName() + ".";
  }

  /**
   * Whether a class of the same package takes the simple name, so code generated into that
   * package must write {@code java.lang.Math}.
   */
  public boolean generatedCodeMustQualify(String simpleName) {
    return shadowed.computeIfAbsent(simpleName,
        s -> elements.getTypeElement(prefix + s) != null);
  }
}
