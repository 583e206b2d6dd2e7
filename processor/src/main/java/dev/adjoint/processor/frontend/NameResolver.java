package dev.adjoint.processor.frontend;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Resolves the names of a method body the way javac will (JLS 6.4.1, 6.5, 7.5, 15.12.1), from
 * what a processor sees before attribution: the enclosing classes' members, the imports, the
 * package. The reader must know which class a name belongs to before it looks a rule up, since
 * a user's {@code exp} imported beside {@code java.lang.Math.*} is not {@code Math.exp}.
 *
 * <p>Each lookup returns the candidates of the first scope that has the name: an empty list if
 * none has it, more than one where javac would report the name as ambiguous.
 *
 * <ul>
 *   <li>methods and fields: a member (declared or inherited) of the innermost enclosing class
 *       that has one of that name; else single-static-imports; else static imports on demand;
 *   <li>types: the enclosing classes and their member types; else single-type imports; else the
 *       package; else imports on demand, {@code java.lang.*} among them.
 * </ul>
 */
final class NameResolver {
  /** The method whose body is being read: the annotated one, or one inlined into it. */
  private Element method;
  private final Elements elements;
  private final String pkg;
  private final List<ImportTree> imports;
  private final CompilationUnitTree unit;

  NameResolver(Element method, CompilationUnitTree unit, Elements elements) {
    this.method = method;
    this.unit = unit;
    this.elements = elements;
    PackageElement p = elements.getPackageOf(method);
    this.pkg = p.isUnnamed() ? "" : p.getQualifiedName().toString();
    this.imports = List.copyOf(unit.getImports());
  }

  /** The class {@code ref} names. */
  TypeElement typeElement(dev.adjoint.processor.ir.ClassRef ref) {
    return elements.getTypeElement(ref.canonical());
  }

  /** The method being read. */
  Element method() {
    return method;
  }

  /**
   * Runs {@code read} resolving names as in the body of {@code other}, a method of the same
   * file (its imports and package are the same): a callee inlined with a function argument.
   */
  <T> T reading(Element other, java.util.function.Supplier<T> read) {
    Element saved = method;
    method = other;
    try {
      return read.get();
    } finally {
      method = saved;
    }
  }

  /** The classes declaring the static methods an unqualified call of {@code name} may mean. */
  List<TypeElement> methodOwners(String name) {
    return memberOwners(name, ElementKind.METHOD);
  }

  /** Members of each class asked about, inherited too: a long method asks thousands of times. */
  private final Map<TypeElement, List<? extends Element>> members = new HashMap<>();

  private List<? extends Element> members(TypeElement t) {
    return members.computeIfAbsent(t, elements::getAllMembers);
  }

  /** The classes declaring the fields an unqualified {@code name} may mean (locals aside). */
  List<TypeElement> fieldOwners(String name) {
    return memberOwners(name, ElementKind.FIELD);
  }

  /** The class of the method, if the method is an instance method (else null). */
  TypeElement receiverClass() {
    return method.getModifiers().contains(Modifier.STATIC) ? null
        : (TypeElement) method.getEnclosingElement();
  }

  /**
   * Whether {@code field} is the (private) field of a record component whose accessor the
   * compiler wrote, so that calling the accessor reads the field.
   */
  boolean readByAccessor(VariableElement field) {
    if (!(field.getEnclosingElement() instanceof TypeElement record)
        || record.getKind() != ElementKind.RECORD || !record.equals(receiverClass())
        || field.getModifiers().contains(Modifier.STATIC)) {
      return false;
    }
    // The method's own record, so in this unit: an accessor written there may return anything.
    ClassTree tree = classTree(record);
    if (tree == null) {
      return false;
    }
    for (Tree member : tree.getMembers()) {
      if (member instanceof MethodTree m && m.getName().contentEquals(field.getSimpleName())
          && m.getParameters().isEmpty()) {
        return false;
      }
    }
    return record.getRecordComponents().stream()
        .anyMatch(c -> c.getSimpleName().equals(field.getSimpleName()));
  }

  /** The declaration of {@code type} in the method's compilation unit; null if not there. */
  private ClassTree classTree(TypeElement type) {
    List<String> path = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      path.add(0, t.getSimpleName().toString());
    }
    List<? extends Tree> scope = unit.getTypeDecls();
    ClassTree found = null;
    for (String name : path) {
      found = null;
      for (Tree t : scope) {
        if (t instanceof ClassTree c && c.getSimpleName().contentEquals(name)) {
          found = c;
        }
      }
      if (found == null) {
        return null;
      }
      scope = found.getMembers();
    }
    return found;
  }

  /** The field {@code name} of {@code owner}, declared or inherited; null if none. */
  VariableElement field(TypeElement owner, String name) {
    for (Element e : members(owner)) {
      if (e.getKind() == ElementKind.FIELD && e.getSimpleName().contentEquals(name)) {
        return (VariableElement) e;
      }
    }
    return null;
  }

  /**
   * Whether code in the method's package, outside its class (where the generated class is),
   * may name {@code member}: it and the classes around it are public, or package-private (or
   * protected) in this package.
   */
  boolean visibleToGeneratedCode(Element member) {
    for (Element e = member; e instanceof TypeElement || e == member;
        e = e.getEnclosingElement()) {
      Set<Modifier> m = e.getModifiers();
      if (m.contains(Modifier.PRIVATE) || !m.contains(Modifier.PUBLIC)
          && !elements.getPackageOf(e).getQualifiedName().contentEquals(pkg)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The classes declaring the static methods {@code name} of {@code type}, inherited ones
   * included ({@code Derived.f} may be {@code Base.f}); {@code type} itself if it has none.
   */
  List<TypeElement> staticMethodOwners(TypeElement type, String name) {
    List<TypeElement> owners = declaring(type, name, ElementKind.METHOD,
        e -> e.getModifiers().contains(Modifier.STATIC));
    return owners.isEmpty() ? List.of(type) : owners;
  }

  /** Whether an unqualified {@code name} is a field of an enclosing class (hiding imports). */
  boolean isField(String name) {
    for (TypeElement t : enclosing()) {
      if (!declaring(t, name, ElementKind.FIELD, e -> true).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code owner} has a static method {@code name} that javac could apply to arguments
   * of these types (primitive widening; arrays exactly), so only such classes compete for a
   * name imported on demand from several ({@code exp(double)} of Math, {@code exp(double[])}
   * of LinearAlgebra).
   */
  boolean hasApplicableStatic(TypeElement owner, String name, List<Type> args) {
    for (Element e : members(owner)) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)
          && e.getModifiers().contains(Modifier.STATIC)
          && applicable((ExecutableElement) e, args)) {
        return true;
      }
    }
    return false;
  }

  private static boolean applicable(ExecutableElement m, List<Type> args) {
    if (m.getParameters().size() != args.size() || m.isVarArgs()) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      TypeMirror p = m.getParameters().get(i).asType();
      Type arg = args.get(i);
      boolean fits = switch (p.getKind()) {
        case DOUBLE -> arg.isNumeric();
        case FLOAT -> arg == Type.INT || arg == Type.LONG;
        case LONG -> arg == Type.INT || arg == Type.LONG;
        case INT -> arg == Type.INT;
        case BOOLEAN -> arg == Type.BOOLEAN;
        case ARRAY -> TreeKinds.type(p).filter(t -> t == arg).isPresent();
        case DECLARED -> arg == Type.OBJECT && (ObjectTypes.of(p).isPresent()
            || RecordParameters.recordOf(p).isPresent());
        default -> false;
      };
      if (!fits) {
        return false;
      }
    }
    return true;
  }

  /**
   * The types a type name ({@code Math}, {@code java.lang.Math}, {@code Outer.Inner}) means.
   * A name whose first part is a field is not a type: the field obscures it (JLS 6.4.2).
   */
  List<TypeElement> types(String name) {
    String[] parts = name.split("\\.");
    if (isField(parts[0])) {
      return List.of();
    }
    List<TypeElement> found = simpleTypes(parts[0]);
    int next = 1;
    if (found.isEmpty()) {
      // A package name: the shortest prefix that names a type, then its member types.
      StringBuilder prefix = new StringBuilder(parts[0]);
      for (; next < parts.length && found.isEmpty(); next++) {
        prefix.append('.').append(parts[next]);
        TypeElement t = elements.getTypeElement(prefix);
        if (t != null) {
          found = List.of(t);
        }
      }
    }
    if (found.size() != 1) {
      return found;
    }
    TypeElement t = found.get(0);
    for (; next < parts.length && t != null; next++) {
      t = memberType(t, parts[next]);
    }
    return t == null ? List.of() : List.of(t);
  }

  private List<TypeElement> memberOwners(String name, ElementKind kind) {
    for (TypeElement t : enclosing()) {
      List<TypeElement> owners = declaring(t, name, kind, e -> true);
      if (!owners.isEmpty()) {
        return owners;
      }
    }
    Set<TypeElement> single = new LinkedHashSet<>();
    Set<TypeElement> onDemand = new LinkedHashSet<>();
    for (ImportTree imp : imports) {
      if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree s)) {
        continue;
      }
      TypeElement from = elements.getTypeElement(s.getExpression().toString());
      boolean star = s.getIdentifier().contentEquals("*");
      if (from == null || !star && !s.getIdentifier().contentEquals(name)) {
        continue;
      }
      (star ? onDemand : single).addAll(declaring(from, name, kind, this::importable));
    }
    return List.copyOf(single.isEmpty() ? onDemand : single);
  }

  /** The classes declaring the members of {@code t} (inherited ones too) named {@code name}. */
  private List<TypeElement> declaring(TypeElement t, String name, ElementKind kind,
      Predicate<Element> visible) {
    Set<TypeElement> out = new LinkedHashSet<>();
    for (Element e : members(t)) {
      if (e.getKind() == kind && e.getSimpleName().contentEquals(name) && visible.test(e)) {
        out.add((TypeElement) e.getEnclosingElement());
      }
    }
    return List.copyOf(out);
  }

  /** A static import brings in the static members the importing code may access. */
  private boolean importable(Element member) {
    if (!member.getModifiers().contains(Modifier.STATIC)
        || member.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    return member.getModifiers().contains(Modifier.PUBLIC)
        || elements.getPackageOf(member).getQualifiedName().contentEquals(pkg);
  }

  private List<TypeElement> simpleTypes(String simple) {
    for (TypeElement t : enclosing()) {
      if (t.getSimpleName().contentEquals(simple)) {
        return List.of(t);
      }
      TypeElement member = memberType(t, simple);
      if (member != null) {
        return List.of(member);
      }
    }
    Set<TypeElement> onDemand = new LinkedHashSet<>();
    for (ImportTree imp : imports) {
      String imported = imp.getQualifiedIdentifier().toString();
      if (imported.endsWith("." + simple)) {
        // import p.Simple; or import static p.Outer.Simple; (a member type)
        TypeElement t = elements.getTypeElement(imported);
        if (t != null) {
          return List.of(t);
        }
      } else if (imported.endsWith(".*")) {
        TypeElement t = elements.getTypeElement(
            imported.substring(0, imported.length() - 1) + simple);
        if (t != null) {
          onDemand.add(t);
        }
      }
    }
    TypeElement local = elements.getTypeElement(pkg.isEmpty() ? simple : pkg + "." + simple);
    if (local != null) {
      return List.of(local);
    }
    TypeElement lang = elements.getTypeElement("java.lang." + simple);
    if (lang != null) {
      onDemand.add(lang);
    }
    return new ArrayList<>(onDemand);
  }

  /** A member type of {@code t}, declared or inherited, named {@code simple}. */
  private TypeElement memberType(TypeElement t, String simple) {
    for (Element e : members(t)) {
      if ((e.getKind().isClass() || e.getKind().isInterface())
          && e.getSimpleName().contentEquals(simple)) {
        return (TypeElement) e;
      }
    }
    return null;
  }

  /** The classes around the method, innermost first. */
  private List<TypeElement> enclosing() {
    List<TypeElement> out = new ArrayList<>();
    for (Element e = method.getEnclosingElement(); e instanceof TypeElement t;
        e = e.getEnclosingElement()) {
      out.add(t);
    }
    return out;
  }
}
