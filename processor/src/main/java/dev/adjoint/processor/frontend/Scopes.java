package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** The method's parameters and locals in scope, innermost block first. */
final class Scopes {
  private Deque<Map<String, Var>> scopes = new ArrayDeque<>();
  /** The functional locals ({@link LocalFunction}), scoped alongside. */
  private Deque<Map<String, LocalFunction>> functions = new ArrayDeque<>();

  /** What a lambda sees where it is declared: the locals and functional locals in scope. */
  record Snapshot(Map<String, Var> vars, Map<String, LocalFunction> functions) {}

  void push() {
    scopes.push(new HashMap<>());
    functions.push(new HashMap<>());
  }

  void pop() {
    scopes.pop();
    functions.pop();
  }

  void declare(LocalFunction f) {
    functions.peek().put(f.name(), f);
  }

  /** The functional local {@code name}, unless a variable of that name hides it. */
  Optional<LocalFunction> function(String name) {
    Iterator<Map<String, Var>> vars = scopes.iterator();
    for (Map<String, LocalFunction> scope : functions) {
      if (vars.next().containsKey(name)) {
        return Optional.empty();
      }
      LocalFunction f = scope.get(name);
      if (f != null) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  Snapshot snapshot() {
    Map<String, Var> vars = new HashMap<>();
    Map<String, LocalFunction> fns = new HashMap<>();
    Iterator<Map<String, LocalFunction>> f = functions.descendingIterator();
    for (Iterator<Map<String, Var>> v = scopes.descendingIterator(); v.hasNext(); ) {
      Map<String, Var> vs = v.next();
      Map<String, LocalFunction> fs = f.next();
      fns.keySet().removeAll(vs.keySet());
      vars.keySet().removeAll(fs.keySet());
      vars.putAll(vs);
      fns.putAll(fs);
    }
    return new Snapshot(vars, fns);
  }

  /** Runs {@code read} seeing only {@code seen}, in a new innermost scope. */
  <T> T within(Snapshot seen, java.util.function.Supplier<T> read) {
    Deque<Map<String, Var>> savedVars = scopes;
    Deque<Map<String, LocalFunction>> savedFunctions = functions;
    scopes = new ArrayDeque<>();
    functions = new ArrayDeque<>();
    scopes.push(new HashMap<>(seen.vars()));
    functions.push(new HashMap<>(seen.functions()));
    push();
    try {
      return read.get();
    } finally {
      scopes = savedVars;
      functions = savedFunctions;
    }
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
