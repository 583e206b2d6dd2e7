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
 * input always gives the same text.
 */
final class Names {
  private final Map<Var, String> names = new IdentityHashMap<>();
  private final Set<String> taken = new HashSet<>(Set.of("Math", "StrictMath", "Double", "stacks",
      "Stacks", "Integer", "Long"));

  /** Reserves a name the generated method uses for something that is not a Var. */
  String reserve(String suggestion) {
    String name = suggestion;
    for (int i = 2; taken.contains(name) || SourceVersion.isKeyword(name); i++) {
      name = suggestion + i;
    }
    taken.add(name);
    return name;
  }

  String of(Var v) {
    if (v.role() == Var.Role.PARAM) {
      // The user's parameters are the method's signature: their names are fixed.
      names.putIfAbsent(v, v.name());
      taken.add(v.name());
    }
    String name = names.get(v);
    if (name == null) {
      name = reserve(v.name());
      names.put(v, name);
    }
    return name;
  }
}
