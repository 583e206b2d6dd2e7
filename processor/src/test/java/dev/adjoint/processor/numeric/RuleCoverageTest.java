package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.rules.RulesTable;
import dev.adjoint.processor.testing.QualifiedCalls;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function rule of {@code RulesTable} (owner, name, arity) is called by a numeric case of
 * {@link RuleCases}, and those cases pass: record and pullback against DerivativeStructure and
 * central finite differences, with the analyses and without. A rule added to the table without
 * a case fails {@link #everyRuleHasANumericCase} with its name.
 */
class RuleCoverageTest {

  private static final CaseSuite WITH_ANALYSES =
      CaseSuite.of("adjtest.rules.Rules").imports(RuleCases.IMPORTS).add(RuleCases.all());

  private static final CaseSuite ANALYSES_OFF =
      CaseSuite.of("adjtest.rules.off.Rules")
          .imports(RuleCases.IMPORTS)
          .options("-Aadjoint.analyses=off")
          .add(RuleCases.all());

  @Test
  void everyRuleHasANumericCase() {
    Set<String> missing = new TreeSet<>();
    for (String key : RulesTable.functionKeys()) {
      int dot = key.lastIndexOf('.');
      int slash = key.lastIndexOf('/');
      missing.add(QualifiedCalls.key(key.substring(0, dot), key.substring(dot + 1, slash),
          Integer.parseInt(key.substring(slash + 1))));
    }
    missing.removeAll(QualifiedCalls.of(List.of(WITH_ANALYSES.source())));
    assertTrue(missing.isEmpty(),
        "rules of RulesTable that no numeric case calls; add one to RuleCases: " + missing);
  }

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return WITH_ANALYSES.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return ANALYSES_OFF.tests();
  }
}
