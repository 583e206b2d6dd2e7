package dev.adjoint.processor.frontend;

import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.RecordShape;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Record parameters ({@code record Mlp(double[][] w1, double[] b1, double b2)}): which record
 * types a parameter may have, and their flattening into one IR parameter per leaf component.
 */
public final class RecordParameters {
  private RecordParameters() {}

  /** The record class of {@code t}, if it is a record type; not checked. */
  static Optional<TypeElement> recordOf(TypeMirror t) {
    return t instanceof DeclaredType d && d.asElement().getKind() == ElementKind.RECORD
        ? Optional.of((TypeElement) d.asElement()) : Optional.empty();
  }

  /**
   * The record class of parameter {@code p} of {@code method}, reporting at {@code p} why it
   * cannot be one (a generic record, a private one, a component of another type); empty if
   * {@code p} is not of a record type, or after reporting.
   */
  static Optional<TypeElement> check(VariableElement p, String method, Diagnostics diagnostics) {
    Optional<TypeElement> record = recordOf(p.asType());
    if (record.isEmpty()) {
      return Optional.empty();
    }
    int before = diagnostics.errorCount();
    check(p, method, record.get(), new HashSet<>(), diagnostics);
    return diagnostics.errorCount() == before ? record : Optional.empty();
  }

  private static void check(VariableElement p, String method, TypeElement record,
      Set<TypeElement> enclosing, Diagnostics diagnostics) {
    String name = record.getQualifiedName().toString();
    if (!record.getTypeParameters().isEmpty()) {
      diagnostics.error(p, Message.RECORD_TYPE, p.getSimpleName(), method, name,
          "is generic; declare a record with the component types spelled out");
      return;
    }
    for (Element e = record; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        diagnostics.error(p, Message.RECORD_TYPE, p.getSimpleName(), method, name,
            "the generated code cannot see (" + t.getSimpleName() + " is private); make it"
            + " package-private");
        return;
      }
    }
    if (!enclosing.add(record)) {
      diagnostics.error(p, Message.RECORD_TYPE, p.getSimpleName(), method, name,
          "contains itself; flatten it into records that do not");
      return;
    }
    for (RecordComponentElement c : record.getRecordComponents()) {
      Optional<TypeElement> nested = recordOf(c.asType());
      if (nested.isPresent()) {
        check(p, method, nested.get(), enclosing, diagnostics);
      } else if (leafType(c.asType()).isEmpty()) {
        diagnostics.error(p, Message.RECORD_COMPONENT, p.getSimpleName(), method, name,
            c.getSimpleName(), c.asType());
      }
    }
    enclosing.remove(record);
  }

  /**
   * Whether {@code record} may be a parameter (what {@link #check} reports on, without
   * reporting): a callee's own compilation names its problems.
   */
  static boolean fits(TypeElement record) {
    return fits(record, new HashSet<>());
  }

  private static boolean fits(TypeElement record, Set<TypeElement> enclosing) {
    if (!record.getTypeParameters().isEmpty() || !enclosing.add(record)) {
      return false;
    }
    for (Element e = record; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
    }
    for (RecordComponentElement c : record.getRecordComponents()) {
      Optional<TypeElement> nested = recordOf(c.asType());
      if (nested.isPresent() ? !fits(nested.get(), enclosing) : leafType(c.asType()).isEmpty()) {
        return false;
      }
    }
    enclosing.remove(record);
    return true;
  }

  /** The IR type of a leaf component, if it may be one: enums and strings are objects. */
  private static Optional<Type> leafType(TypeMirror t) {
    return TreeKinds.type(t).or(() -> ObjectTypes.of(t).map(c -> Type.OBJECT));
  }

  /** Whether {@code record} (checked) has a component that carries derivatives. */
  static boolean isDifferentiable(TypeElement record) {
    for (RecordComponentElement c : record.getRecordComponents()) {
      Optional<TypeElement> nested = recordOf(c.asType());
      if (nested.isPresent() ? isDifferentiable(nested.get())
          : leafType(c.asType()).get().isDifferentiable()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The shape of a checked {@code record}, each leaf a new parameter {@code Var} named after its
   * component ({@code w1}), else after its path ({@code l1W}), stepping around {@code taken}.
   */
  static RecordShape shape(TypeElement record, String parameter, Set<String> taken,
      Elements elements) {
    return shape(record, parameter, "", taken, elements);
  }

  private static RecordShape shape(TypeElement record, String parameter, String path,
      Set<String> taken, Elements elements) {
    List<RecordShape.Component> components = new ArrayList<>();
    for (RecordComponentElement c : record.getRecordComponents()) {
      String name = c.getSimpleName().toString();
      Optional<TypeElement> nested = recordOf(c.asType());
      if (nested.isPresent()) {
        components.add(new RecordShape.Component(name, null,
            shape(nested.get(), parameter, path + capitalize(name), taken, elements)));
      } else {
        String leafName = leafName(name, parameter, path, taken);
        Type type = leafType(c.asType()).get();
        Var leaf = type == Type.OBJECT
            ? Var.object(leafName, Var.Role.PARAM, ObjectTypes.of(c.asType()).get())
            : new Var(leafName, type, Var.Role.PARAM);
        components.add(new RecordShape.Component(name, leaf, null));
      }
    }
    return new RecordShape(classRef(record, elements), components);
  }

  private static String leafName(String name, String parameter, String path, Set<String> taken) {
    List<String> candidates = List.of(name, decapitalize(path + capitalize(name)),
        parameter + path + capitalize(name));
    for (String candidate : candidates) {
      if (!taken.contains(candidate) && !candidate.endsWith("Bar")
          && !javax.lang.model.SourceVersion.isKeyword(candidate)) {
        taken.add(candidate);
        return candidate;
      }
    }
    String base = candidates.get(2);
    String candidate = base;
    for (int i = 2; taken.contains(candidate); i++) {
      candidate = base + i;
    }
    taken.add(candidate);
    return candidate;
  }

  static ClassRef classRef(TypeElement type, Elements elements) {
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    String nested = type.getQualifiedName().toString();
    return new ClassRef(pkg, pkg.isEmpty() ? nested : nested.substring(pkg.length() + 1));
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String decapitalize(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
