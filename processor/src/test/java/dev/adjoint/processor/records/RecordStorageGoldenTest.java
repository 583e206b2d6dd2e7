package dev.adjoint.processor.records;

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
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The storage classes generated for golden/Records.java, pinned like the adjoint classes of
 * GoldenSourceTest ({@code -Dadjoint.updateGoldens=true} rewrites them).
 */
class RecordStorageGoldenTest {
  @ParameterizedTest
  @ValueSource(strings = {"Records_MlpBar", "Records_LayerBar"})
  void storageMatchesGolden(String name) throws IOException {
    Compilation c = Compiler.javac().withProcessors(new AdjointProcessor())
        .compile(JavaFileObjects.forSourceString("golden.Records", resource("Records.java")));
    assertThat(c).succeededWithoutWarnings();
    String generated = c.generatedSourceFile("golden." + name).orElseThrow()
        .getCharContent(false).toString();
    String file = name + ".java.txt";
    if (Boolean.getBoolean("adjoint.updateGoldens")) {
      Files.writeString(Paths.get("src/test/resources/golden").resolve(file), generated,
          StandardCharsets.UTF_8);
    }
    assertEquals(resource(file), generated,
        "generated source changed; review and rerun with -Dadjoint.updateGoldens=true");
  }

  private static String resource(String file) throws IOException {
    try (InputStream in = RecordStorageGoldenTest.class.getResourceAsStream("/golden/" + file)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
