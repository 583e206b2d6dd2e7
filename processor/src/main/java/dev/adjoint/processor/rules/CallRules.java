package dev.adjoint.processor.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The user-declared rules for calls, next to the built-in {@link RulesTable}: found once per
 * round from {@code @DerivativeOf} methods, looked up by the callee's class, name and arity.
 */
public final class CallRules {
  private final Map<String, CallRule> rules = new LinkedHashMap<>();

  /** Adds {@code rule}; false (and no change) if the method already has one. */
  public boolean add(CallRule rule) {
    return rules.putIfAbsent(key(rule.owner(), rule.name(), rule.arity()), rule) == null;
  }

  public Optional<CallRule> find(String owner, String name, int arity) {
    return Optional.ofNullable(rules.get(key(owner, name, arity)));
  }

  private static String key(String owner, String name, int arity) {
    return owner + "#" + name + "/" + arity;
  }
}
