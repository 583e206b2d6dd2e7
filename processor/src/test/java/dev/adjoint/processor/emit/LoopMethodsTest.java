package dev.adjoint.processor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import dev.adjoint.runtime.Stacks;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loop nests written as methods of their own ({@code -Aadjoint.loopMethods}): the gradient is
 * the same however the pullback is split (and matches finite differences), and the split
 * methods are as small as the limit asks.
 */
class LoopMethodsTest {
  private static final String CLASS = "golden.LoopMethodsAdjoint";

  private static JavaSource source() throws IOException {
    return new JavaSource("golden.LoopMethods", Files.readString(
        Paths.get("src/test/resources/golden/LoopMethods.java"), StandardCharsets.UTF_8));
  }

  private static Compiled compile(String limit) throws IOException {
    return InProcessCompiler.create().withOptions("-Aadjoint.loopMethods=" + limit)
        .compile(source());
  }

  /** {@code objectivePullback} at a point: the value, then ∂/∂mu row by row. */
  private static double[] gradient(Compiled c, double[][] x, double[][] mu, double lambda,
      Stacks stacks) throws ReflectiveOperationException {
    Method pullback = c.loadClass(CLASS).getMethod("objectivePullback", double[][].class,
        double[][].class, double.class, double.class, double[][].class, Stacks.class);
    pullback.setAccessible(true); // the generated class is package-private, as its source
    double[][] muBar = new double[mu.length][mu[0].length];
    double value = (double) pullback.invoke(null, x, mu, lambda, 1.0, muBar, stacks);
    double[] out = new double[1 + mu.length * mu[0].length];
    out[0] = value;
    for (int c2 = 0; c2 < mu.length; c2++) {
      System.arraycopy(muBar[c2], 0, out, 1 + c2 * mu[0].length, mu[0].length);
    }
    return out;
  }

  private static double[][] matrix(Random r, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return m;
  }

  @ParameterizedTest
  @ValueSource(strings = {"8", "40", "100", "250"})
  void splitGradientEqualsWholeAndFiniteDifferences(String limit) throws Exception {
    Compiled whole = compile("off");
    Compiled split = compile(limit);
    Random r = new Random(17 + limit.hashCode());
    // One Stacks across points and both pullbacks, as a training loop reuses them.
    Stacks stacks = new Stacks();
    for (int point = 0; point < 5; point++) {
      double[][] x = matrix(r, 4 + point, 3);
      double[][] mu = matrix(r, 3, 3);
      double lambda = 0.3;
      double[] expected = gradient(whole, x, mu, lambda, stacks);
      double[] actual = gradient(split, x, mu, lambda, stacks);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])),
            "component " + i + " at point " + point + " with limit " + limit);
      }
      // And the split gradient against central differences of the primal (value component 0).
      double h = 1e-6;
      for (int c = 0; c < mu.length; c++) {
        for (int j = 0; j < mu[c].length; j++) {
          double saved = mu[c][j];
          mu[c][j] = saved + h;
          double up = gradient(split, x, mu, lambda, stacks)[0];
          mu[c][j] = saved - h;
          double down = gradient(split, x, mu, lambda, stacks)[0];
          mu[c][j] = saved;
          double fd = (up - down) / (2 * h);
          assertEquals(fd, actual[1 + c * mu[c].length + j], 1e-5 * (1 + Math.abs(fd)),
              "∂/∂mu[" + c + "][" + j + "] at point " + point);
        }
      }
    }
  }

  @Test
  void splitMethodsStayUnderTheLimit() throws Exception {
    Map<String, Integer> whole = bytecodeSizes(compile("off"));
    Map<String, Integer> split = bytecodeSizes(compile("100"));
    // 100 nodes are about 260 bytecodes (2.6 a node); the whole pullback is well above that.
    int limit = 3 * 100;
    assertTrue(whole.get("objectivePullback") > 2 * limit, "unsplit: " + whole);
    assertTrue(split.keySet().stream().filter(m -> m.contains("Loop")).count() >= 3,
        "split: " + split);
    split.forEach((method, size) -> assertTrue(size <= limit,
        method + " has " + size + " bytecodes: " + split));
  }

  @Test
  void nestNamesAvoidTheUsersMethods() throws Exception {
    // A user method named like a nest's method: the nest takes another name.
    JavaSource s = JavaSource.of("adjtest.loops.N",
        "package adjtest.loops;",
        "import dev.adjoint.Differentiable;",
        "class N {",
        "  @Differentiable static double f(double[] v) {",
        "    double s = 0;",
        "    for (int i = 0; i < v.length; i++) {",
        "      s += Math.sin(v[i]) * v[i];",
        "    }",
        "    return s;",
        "  }",
        "  @Differentiable static double fBackwardLoop6(double[] v) { return v[0] * v[0]; }",
        "}");
    Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.loopMethods=8").compile(s);
    String text = c.generatedSource("adjtest.loops.NAdjoint");
    assertTrue(text.contains("private static void fBackwardLoop6b("), text);
    assertTrue(text.contains("public static FBackwardLoop6Gradient fBackwardLoop6("), text);
  }

  /** Bytecode length of each method of the generated class (the longest overload), by javap. */
  private static Map<String, Integer> bytecodeSizes(Compiled c) throws IOException {
    JavaFileObject file = c.compilation().generatedFiles().stream()
        .filter(f -> f.getKind() == JavaFileObject.Kind.CLASS
            && f.toUri().getPath().endsWith("golden/LoopMethodsAdjoint.class"))
        .findFirst().orElseThrow();
    Path dir = Files.createTempDirectory("loop-methods");
    Path classFile = dir.resolve("LoopMethodsAdjoint.class");
    try (InputStream in = file.openInputStream()) {
      Files.copy(in, classFile);
    }
    StringWriter out = new StringWriter();
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    javap.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-c", "-p",
        classFile.toString());
    Map<String, Integer> sizes = new LinkedHashMap<>();
    Pattern header = Pattern.compile("^  \\S.* (\\w+)\\(.*\\);$");
    Pattern instruction = Pattern.compile("^\\s+(\\d+): ");
    String method = null;
    for (String line : out.toString().split("\n")) {
      Matcher h = header.matcher(line);
      Matcher i = instruction.matcher(line);
      if (h.matches()) {
        method = h.group(1);
      } else if (method != null && i.find()) {
        sizes.merge(method, Integer.parseInt(i.group(1)) + 1, Math::max);
      }
    }
    return sizes;
  }
}
