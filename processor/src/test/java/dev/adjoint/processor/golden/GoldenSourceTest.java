package dev.adjoint.processor.golden;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the generated source of representative methods, byte for byte (comments and layout
 * included, which {@code hasSourceEquivalentTo} would ignore). Numeric tests check that the code
 * is right; these check it stays the code a reviewer approved. To accept intended changes, run
 * with {@code -Dadjoint.updateGoldens=true} and review the diff.
 */
class GoldenSourceTest {
  private static final Path GOLDEN_DIR = Paths.get("src/test/resources/golden");

  @ParameterizedTest
  @ValueSource(strings = {"Logistic", "Rosenbrock", "Branches", "Overwrite", "MathRules", "Loop",
      "NestedLoop", "ArrayWrite"})
  void generatedSourceMatchesGolden(String name) throws IOException {
    String input = resource(name + ".java");
    String generated = generate(name, input, "");
    Path golden = GOLDEN_DIR.resolve(name + "Adjoint.java.txt");
    if (Boolean.getBoolean("adjoint.updateGoldens")) {
      Files.writeString(golden, generated, StandardCharsets.UTF_8);
    }
    assertEquals(resource(name + "Adjoint.java.txt"), generated,
        "generated source changed; review and rerun with -Dadjoint.updateGoldens=true");
    // Same input, same text: nothing depends on hash order or timing.
    assertEquals(generated, generate(name, input, ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Logistic", "Branches", "Overwrite", "Loop", "NestedLoop",
      "ArrayWrite"})
  void analysesOffStillCompiles(String name) throws IOException {
    String generated = generate(name, resource(name + ".java"), "-Aadjoint.analyses=off");
    assertThat(generated).contains("Pullback(");
  }

  private static String generate(String name, String input, String option) {
    JavaFileObject source = JavaFileObjects.forSourceString("golden." + name, input);
    Compiler compiler = Compiler.javac().withProcessors(new AdjointProcessor());
    if (!option.isEmpty()) {
      compiler = compiler.withOptions(option);
    }
    Compilation compilation = compiler.compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    try {
      return compilation.generatedSourceFile("golden." + name + "Adjoint").orElseThrow()
          .getCharContent(false).toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String resource(String file) throws IOException {
    try (InputStream in = GoldenSourceTest.class.getResourceAsStream("/golden/" + file)) {
      if (in == null) {
        return "";
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
