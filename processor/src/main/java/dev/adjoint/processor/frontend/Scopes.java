package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.RecordShape;
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
  /** Record parameters and local aliases of records ({@code var l = p.l1()}), by scope. */
  private Deque<Map<String, RecordShape>> records = new ArrayDeque<>();
  /** The functional locals ({@link LocalFunction}), scoped alongside. */
  private Deque<Map<String, LocalFunction>> functions = new ArrayDeque<>();

  /** The method whose body declares what is in scope (another one inside an inlined callee). */
  private javax.lang.model.element.Element site;

  /**
   * What a lambda sees where it is declared: the locals, records and local functions, and the
   * method whose names its body uses ({@code site}).
   */
  record Snapshot(Map<String, Var> vars, Map<String, RecordShape> records,
      Map<String, LocalFunction> functions, javax.lang.model.element.Element site) {

    /** Nothing in scope, in the body of {@code site}. */
    static Snapshot empty(javax.lang.model.element.Element site) {
      return new Snapshot(Map.of(), Map.of(), Map.of(), site);
    }
  }

  /** Starts reading the body of {@code method}. */
  void site(javax.lang.model.element.Element method) {
    site = method;
  }

  void push() {
    scopes.push(new HashMap<>());
    records.push(new HashMap<>());
    functions.push(new HashMap<>());
  }

  void pop() {
    scopes.pop();
    records.pop();
    functions.pop();
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

  /** Java forbids a local to hide another, so what is in scope is the union of the scopes. */
  Snapshot snapshot() {
    Map<String, Var> vars = new HashMap<>();
    Map<String, RecordShape> recs = new HashMap<>();
    Map<String, LocalFunction> fns = new HashMap<>();
    scopes.forEach(vars::putAll);
    records.forEach(recs::putAll);
    functions.forEach(fns::putAll);
    return new Snapshot(vars, recs, fns, site);
  }

  /** Runs {@code read} seeing only {@code seen}, in a new innermost scope. */
  <T> T within(Snapshot seen, java.util.function.Supplier<T> read) {
    Deque<Map<String, Var>> savedVars = scopes;
    Deque<Map<String, RecordShape>> savedRecords = records;
    Deque<Map<String, LocalFunction>> savedFunctions = functions;
    javax.lang.model.element.Element savedSite = site;
    site = seen.site();
    scopes = new ArrayDeque<>();
    records = new ArrayDeque<>();
    functions = new ArrayDeque<>();
    scopes.push(new HashMap<>(seen.vars()));
    records.push(new HashMap<>(seen.records()));
    functions.push(new HashMap<>(seen.functions()));
    push();
    try {
      return read.get();
    } finally {
      scopes = savedVars;
      records = savedRecords;
      functions = savedFunctions;
      site = savedSite;
    }
  }
}
