package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.RecordShape;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The method's parameters and locals in scope, innermost block first. */
final class Scopes {
  private final Deque<Map<String, Var>> scopes = new ArrayDeque<>();
  /** Record parameters and local aliases of records ({@code var l = p.l1()}), by scope. */
  private final Deque<Map<String, RecordShape>> records = new ArrayDeque<>();

  void push() {
    scopes.push(new HashMap<>());
    records.push(new HashMap<>());
  }

  void pop() {
    scopes.pop();
    records.pop();
  }

  void declareRecord(String name, RecordShape record) {
    records.peek().put(name, record);
  }

  Optional<RecordShape> lookupRecord(String name) {
    for (Map<String, RecordShape> scope : records) {
      RecordShape r = scope.get(name);
      if (r != null) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
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
