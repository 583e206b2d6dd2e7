package dev.adjoint.processor.guarantees;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A value an option does not take is an error naming the values; the values it takes work. */
class OptionValuesTest {
  private static final JavaSource SOURCE = JavaSource.of("adjtest.options.O",
      "package adjtest.options;",
      "import dev.adjoint.Differentiable;",
      "class O {",
      "  @Differentiable static double f(double x) { return x * x; }",
      "}");

  @ParameterizedTest
  @ValueSource(strings = {"-Aadjoint.analyses=of", "-Aadjoint.comments=chainrule",
      "-Aadjoint.loopMethods=big", "-Aadjoint.loopMethods=0"})
  void misspelledValueIsAnError(String option) {
    Compilation c = InProcessCompiler.create().withOptions(option).compileRaw(SOURCE);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[adjoint.option] " + option + " is not a value of");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-Aadjoint.analyses=on", "-Aadjoint.analyses=off",
      "-Aadjoint.comments=chain-rule", "-Aadjoint.comments=none", "-Aadjoint.loopMethods=100",
      "-Aadjoint.loopMethods=off"})
  void valuesTakenCompile(String option) {
    assertThat(InProcessCompiler.create().withOptions(option).compileRaw(SOURCE)).succeeded();
  }
}
