package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The array parameters a method with source may write into ({@link ArrayParameterWrites}),
 * through its calls too: {@code h(x, y)} calling {@code axpy(a, x, y)} writes {@code y}. A call
 * counts for every method its name may resolve to (the safe side); each method is scanned once,
 * and a method met again while scanning it (recursion) adds nothing more.
 */
public final class WrittenArguments {
  private final Function<ExecutableElement, MethodTree> trees;
  private final Function<ExecutableElement, CompilationUnitTree> units;
  private final Elements elements;
  private final Map<ExecutableElement, List<String>> known = new HashMap<>();
  private final Set<ExecutableElement> scanning = new HashSet<>();

  public WrittenArguments(Function<ExecutableElement, MethodTree> trees,
      Function<ExecutableElement, CompilationUnitTree> units, Elements elements) {
    this.trees = trees;
    this.units = units;
    this.elements = elements;
  }

  /** The names of the array parameters {@code m} may write into, in declaration order. */
  public List<String> of(ExecutableElement m) {
    List<String> done = known.get(m);
    if (done != null) {
      return done;
    }
    MethodTree tree = trees.apply(m);
    CompilationUnitTree unit = tree == null ? null : units.apply(m);
    if (unit == null || !scanning.add(m)) {
      return List.of();
    }
    List<String> written;
    try {
      NameResolver names = new NameResolver(m, unit, elements);
      written = ArrayParameterWrites.of(tree, call -> positions(names, call));
    } finally {
      scanning.remove(m);
    }
    known.put(m, written);
    return written;
  }

  /** The argument positions of {@code call} that a method it may call writes into. */
  private Set<Integer> positions(NameResolver names, MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    String name = select instanceof MemberSelectTree s ? s.getIdentifier().toString()
        : select.toString();
    List<TypeElement> owners;
    if (select instanceof MemberSelectTree s) {
      String text = s.getExpression().toString();
      owners = new java.util.ArrayList<>();
      if (text.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.]*")) {
        for (TypeElement t : names.types(text)) {
          owners.addAll(names.staticMethodOwners(t, name));
        }
      }
    } else {
      owners = names.methodOwners(name);
    }
    if (owners.isEmpty()) {
      // this.axpy(...), or a qualifier not read as a class: every method the name may mean.
      owners = names.methodOwners(name);
    }
    Set<Integer> out = new LinkedHashSet<>();
    int arity = call.getArguments().size();
    for (TypeElement owner : owners) {
      for (Element e : owner.getEnclosedElements()) {
        if (e instanceof ExecutableElement callee && e.getKind() == ElementKind.METHOD
            && e.getSimpleName().contentEquals(name) && callee.getParameters().size() == arity
            && e.getModifiers().contains(Modifier.STATIC)) {
          List<String> w = of(callee);
          for (int i = 0; i < arity; i++) {
            if (w.contains(callee.getParameters().get(i).getSimpleName().toString())) {
              out.add(i);
            }
          }
        }
      }
    }
    return out;
  }
}
