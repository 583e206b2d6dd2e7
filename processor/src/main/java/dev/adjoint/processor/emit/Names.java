package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.Var;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Java names for the variables of one generated method. User names are kept; every name we
 * introduce ({@code xBar}, {@code exp}, {@code branch}) gets a numeric suffix if it would clash
 * with a user name or another of ours. Names are handed out in program order, so the same
 * input always gives the same text. The user's names are handed out first (see {@link
 * BodyWriter}), so {@code stacks}, {@code seed} or {@code grad} of ours step around a user's
 * parameter of that name rather than the other way round.
 */
final class Names {
  private final Map<Var, String> names = new IdentityHashMap<>();
  private final Set<String> taken = new HashSet<>(Set.of("Math", "StrictMath", "Double",
      "Stacks", "Integer", "Long"));
  /** Every name a variable of the generated method has: the user's and ours. */
  private final Set<String> variables = new HashSet<>();

  /** Reserves a name the generated method uses for something that is not a Var. */
  String reserve(String suggestion) {
    String name = suggestion;
    for (int i = 2; taken.contains(name) || SourceVersion.isKeyword(name); i++) {
      name = suggestion + i;
    }
    taken.add(name);
    variables.add(name);
    return name;
  }

  /**
   * Whether a variable of the generated method is called {@code simpleName}: such a variable
   * obscures a class of that name, so code must name the class in full (JLS 6.4.2).
   */
  boolean isVariable(String simpleName) {
    return variables.contains(simpleName);
  }

  /** The names of all variables handed out so far. */
  Set<String> variables() {
    return Set.copyOf(variables);
  }

  String of(Var v) {
    if (v.role() == Var.Role.PARAM) {
      // The user's parameters are the method's signature: their names are fixed.
      names.putIfAbsent(v, v.name());
      taken.add(v.name());
      variables.add(v.name());
    }
    String name = names.get(v);
    if (name == null) {
      name = reserve(v.name());
      names.put(v, name);
    }
    return name;
  }
}
