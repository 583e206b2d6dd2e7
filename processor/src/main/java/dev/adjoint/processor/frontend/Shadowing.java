package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Which names in a method's scope are not what they seem: a class's own methods and fields hide
 * statically imported ones, and a type called {@code Math} (nested, imported, or in the same
 * package) hides {@code java.lang.Math}. The reader must not take such a name for the library's.
 */
public final class Shadowing {
  private final Set<String> members = new HashSet<>();
  private final Set<String> shadowedTypes = new HashSet<>();
  private final Set<String> shadowedInPackage = new HashSet<>();

  public Shadowing(Element method, CompilationUnitTree unit, Elements elements) {
    PackageElement pkg = elements.getPackageOf(method);
    for (Element e = method.getEnclosingElement(); e instanceof TypeElement t;
        e = e.getEnclosingElement()) {
      for (Element member : t.getEnclosedElements()) {
        if (member.getKind() == ElementKind.METHOD || member.getKind() == ElementKind.FIELD) {
          members.add(member.getSimpleName().toString());
        } else if (member.getKind().isClass() || member.getKind().isInterface()) {
          shadowedTypes.add(member.getSimpleName().toString());
        }
      }
    }
    for (String simple : new String[] {"Math", "StrictMath"}) {
      String prefix = pkg.isUnnamed() ? "" : pkg.getQualifiedName() + ".";
      if (elements.getTypeElement(prefix + simple) != null) {
        shadowedInPackage.add(simple);
        shadowedTypes.add(simple);
      }
    }
    for (ImportTree imp : unit.getImports()) {
      String name = imp.getQualifiedIdentifier().toString();
      if (!imp.isStatic() && (name.endsWith(".Math") || name.endsWith(".StrictMath"))
          && !name.startsWith("java.lang.")) {
        shadowedTypes.add(name.substring(name.lastIndexOf('.') + 1));
      }
    }
  }

  /** Whether an unqualified {@code name} is a method or field of the enclosing classes. */
  boolean isMember(String name) {
    return members.contains(name);
  }

  /** Whether the simple type name {@code Math} or {@code StrictMath} means something else. */
  boolean isTypeShadowed(String simpleName) {
    return shadowedTypes.contains(simpleName);
  }

  /**
   * Whether a class of the same package takes the simple name, so code generated into that
   * package must write {@code java.lang.Math}.
   */
  public boolean generatedCodeMustQualify(String simpleName) {
    return shadowedInPackage.contains(simpleName);
  }
}
