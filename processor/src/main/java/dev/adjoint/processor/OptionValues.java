package dev.adjoint.processor;

import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * The values each {@code -A} option takes. A value outside them is an error, once per
 * compilation: a typo ({@code -Aadjoint.analyses=of}) would otherwise be ignored without a word.
 */
final class OptionValues {
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      AdjointProcessor.ANALYSES_OPTION, Set.of("on", "off"),
      dev.adjoint.processor.emit.AdjointClassGenerator.COMMENTS_OPTION,
      Set.of("chain-rule", "none", "off"));

  private OptionValues() {}

  /** Reports each of our options whose value is not one it takes. */
  static void check(Map<String, String> options, Messager messager) {
    String loops = options.get(dev.adjoint.processor.emit.AdjointClassGenerator
        .LOOP_METHODS_OPTION);
    if (loops != null
        && !dev.adjoint.processor.emit.AdjointClassGenerator.validLoopMethods(loops)) {
      messager.printMessage(Diagnostic.Kind.ERROR, "[adjoint.option] -A"
          + dev.adjoint.processor.emit.AdjointClassGenerator.LOOP_METHODS_OPTION + "=" + loops
          + " is not a value of " + dev.adjoint.processor.emit.AdjointClassGenerator
          .LOOP_METHODS_OPTION + "; use a positive size (statements and expression nodes)"
          + " or off");
    }
    ALLOWED.forEach((option, values) -> {
      String given = options.get(option);
      if (given != null && !values.contains(given)) {
        messager.printMessage(Diagnostic.Kind.ERROR, "[adjoint.option] -A" + option + "="
            + given + " is not a value of " + option + "; use one of "
            + String.join(", ", values.stream().sorted().toList()));
      }
    });
  }
}
