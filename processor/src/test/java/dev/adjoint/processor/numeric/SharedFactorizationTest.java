package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.ArrayCase.Values.spd;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code logDetSpd(S)} and {@code solveSpd(S, b)} of one matrix share one Cholesky
 * factorization in the generated code (a Gaussian process's negative log-likelihood), with the
 * same gradients as the calls written out: against finite differences and the closed form
 * {@code ∂/∂K = ½(K⁻¹ − ααᵀ)}, {@code ∂/∂y = α} for {@code α = K⁻¹y}, analyses on and off.
 * Where sharing could run a factorization the method would not (a use under an {@code if}) or
 * read a changed matrix, the calls stay as written.
 */
class SharedFactorizationTest {

  private static final int POINTS = 4;
  private static final String IMPORT = "import dev.adjoint.runtime.LinearAlgebra;";

  static List<ArrayCase> cases() {
    return List.of(
        ArrayCase.of("nll", "double[][] K, double[] y",
                """
                double[] alpha = LinearAlgebra.solveSpd(K, y);
                return 0.5 * LinearAlgebra.dot(y, alpha) + 0.5 * LinearAlgebra.logDetSpd(K);""")
            .closedForm(a -> {
              double[][] k = (double[][]) a[0];
              double[] y = (double[]) a[1];
              double[] alpha = dev.adjoint.runtime.LinearAlgebra.solve(k, y);
              double[][] inv = dev.adjoint.runtime.LinearAlgebra.inverse(k);
              int n = y.length;
              double[][] dK = new double[n][n];
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                  dK[i][j] = 0.5 * (0.5 * (inv[i][j] + inv[j][i]) - alpha[i] * alpha[j]);
                }
              }
              return args(dK, alpha);
            })
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              return args(spd(r, n), vector(r, n, -1, 1));
            }),
        // two solves and a log-determinant of a computed matrix: K + λI
        ArrayCase.of("twoSolves",
                "double[][] K, double lambda, double[][] I, double[] y, double[] z",
                """
                double[][] S = LinearAlgebra.addMatrices(K, LinearAlgebra.scaleMatrix(lambda, I));
                double a = LinearAlgebra.dot(z, LinearAlgebra.solveSpd(S, y));
                double b = LinearAlgebra.squaredNorm(LinearAlgebra.solveSpd(S, z));
                return a + b - LinearAlgebra.logDetSpd(S);""")
            .wrt("K", "lambda", "y", "z")
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              double[][] id = new double[n][n];
              for (int i = 0; i < n; i++) {
                id[i][i] = 1;
              }
              return args(spd(r, n), 0.5 + r.nextDouble(), id, vector(r, n, -1, 1),
                  vector(r, n, -1, 1));
            }),
        // a Gaussian process: the covariance built element by element from hyper-parameters
        ArrayCase.of("gpNll", "double[] x, double[] y, double lengthScale, double noise",
                """
                int n = x.length;
                double[][] K = new double[n][n];
                for (int i = 0; i < n; i++) {
                  for (int j = 0; j < n; j++) {
                    double d = (x[i] - x[j]) / lengthScale;
                    K[i][j] = Math.exp(-0.5 * d * d);
                  }
                  K[i][i] += noise * noise;
                }
                double[] alpha = LinearAlgebra.solveSpd(K, y);
                return 0.5 * LinearAlgebra.dot(y, alpha) + 0.5 * LinearAlgebra.logDetSpd(K);""")
            .wrt("y", "lengthScale", "noise")
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              return args(vector(r, n, -2, 2), vector(r, n, -1, 1), 0.5 + r.nextDouble(),
                  0.5 + r.nextDouble());
            }),
        // a use under an if: not shared (the factorization would run on the other path too)
        ArrayCase.of("underIf", "double[][] K, double[] y, double c",
                """
                double s = LinearAlgebra.logDetSpd(K);
                if (c > 0) {
                  s += LinearAlgebra.sum(LinearAlgebra.solveSpd(K, y));
                }
                return s;""")
            .wrt("K", "y")
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              return args(spd(r, n), vector(r, n, -1, 1), r.nextDouble() - 0.5);
            }));
  }


  private static final ArraySuite WITH_ANALYSES =
      ArraySuite.of("adjtest.shared.Shared").imports(IMPORT).add(cases());

  private static final ArraySuite ANALYSES_OFF =
      ArraySuite.of("adjtest.shared.off.Shared")
          .imports(IMPORT)
          .options("-Aadjoint.analyses=off")
          .add(cases());

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return WITH_ANALYSES.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return ANALYSES_OFF.tests();
  }

  @Test
  void oneFactorizationWhereBothAreWritten() {
    String generated = WITH_ANALYSES.compiled().generatedSource("adjtest.shared.SharedAdjoint");
    String nll = method(generated, "nllPullback(double[][] K, double[] y, double seed,");
    assertEquals(1, count(nll, "LinearAlgebra.cholesky(K)"), nll);
    assertTrue(nll.contains("LinearAlgebra.choleskySolve(KChol, y)"), nll);
    assertTrue(nll.contains("LinearAlgebra.choleskyLogDet(KChol)"), nll);
    assertTrue(nll.contains("LinearAlgebra.choleskyPullback(K, KChol, KCholBar, KBar)"), nll);
    assertEquals(0, count(nll, "SpdPullback"), nll);
    assertEquals(0, count(nll, "LinearAlgebra.solveSpd(K, y);"), nll);
    assertEquals(1, count(generated, "LinearAlgebra.cholesky(S)"), generated);
    String gp = method(generated, "gpNllPullback(double[] x, double[] y, double lengthScale,");
    assertEquals(1, count(gp, "LinearAlgebra.cholesky(K)"), gp);
  }

  @Test
  void notSharedUnderAnIf() {
    String generated = WITH_ANALYSES.compiled().generatedSource("adjtest.shared.SharedAdjoint");
    String underIf = method(generated, "underIfPullback(double[][] K, double[] y, double c,");
    assertEquals(0, count(underIf, "cholesky"), underIf);
    assertTrue(underIf.contains("LinearAlgebra.logDetSpd(K)"), underIf);
  }

  /**
   * The text from the last declaration starting with {@code signature} (the overload taking
   * stacks, which holds the body) to the end of that method.
   */
  private static String method(String source, String signature) {
    int start = source.lastIndexOf(signature);
    assertTrue(start >= 0, signature + " in\n" + source);
    int end = source.indexOf("\n    }\n", start);
    return source.substring(start, end);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
