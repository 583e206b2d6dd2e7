package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The method's parameters and locals in scope, innermost block first. */
final class Scopes {
  private final Deque<Map<String, Var>> scopes = new ArrayDeque<>();

  void push() {
    scopes.push(new HashMap<>());
  }

  void pop() {
    scopes.pop();
  }

  void declare(Var v) {
    scopes.peek().put(v.name(), v);
  }

  Optional<Var> lookup(String name) {
    for (Map<String, Var> scope : scopes) {
      Var v = scope.get(name);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
