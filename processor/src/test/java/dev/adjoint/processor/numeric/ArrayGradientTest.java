package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.signedVector;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Loops over {@code double[]}, {@code double[][]} and {@code int[]} parameters and local arrays,
 * ported from the array tests of other AD tools (Tapenade's and ADOL-C's examples, Enzyme's,
 * JAX's and Zygote's suites): log-likelihoods, norms, an RNN, logsumexp, gathers with duplicate
 * indices, prefix sums, least squares. Every coordinate of every derivative is checked against
 * central finite differences, and against the closed form where there is one.
 */
class ArrayGradientTest {

  private static final int POINTS = 4;

  static final ArrayCase[] CASES = {
    // Σ log N(x_i; μ, σ)
    ArrayCase.of("logGaussian", "double[] x, double mu, double sigma",
            """
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              double z = (x[i] - mu) / sigma;
              s += -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
            }
            return s;""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double mu = (Double) a[1];
          double sigma = (Double) a[2];
          double[] dx = new double[x.length];
          double dmu = 0;
          double dsigma = 0;
          for (int i = 0; i < x.length; i++) {
            double e = x[i] - mu;
            dx[i] = -e / (sigma * sigma);
            dmu += e / (sigma * sigma);
            dsigma += e * e / (sigma * sigma * sigma) - 1 / sigma;
          }
          return args(dx, dmu, dsigma);
        })
        .at(new double[] {0.0}, 0.0, 1.0)
        .at(new double[0], 0.3, 1.2) // no iteration: zero-length adjoint array, zero gradient
        .random(POINTS, r -> args(vector(r, 1 + r.nextInt(6), -2, 2), u(r, -1, 1), u(r, 0.5, 2))),
    // p-norm (Σ|x_i|^p)^(1/p), for-each loop
    ArrayCase.of("pNorm", "double[] x, double p",
            """
            double s = 0;
            for (double v : x) {
              s += Math.pow(Math.abs(v), p);
            }
            return Math.pow(s, 1 / p);""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double p = (Double) a[1];
          double s = 0;
          double sLog = 0;
          for (double v : x) {
            s += Math.pow(Math.abs(v), p);
            sLog += Math.pow(Math.abs(v), p) * Math.log(Math.abs(v));
          }
          double norm = Math.pow(s, 1 / p);
          double[] dx = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            dx[i] = Math.signum(x[i]) * Math.pow(Math.abs(x[i]), p - 1) * Math.pow(norm, 1 - p);
          }
          double dp = norm * (-Math.log(s) / (p * p) + sLog / (p * s));
          return args(dx, dp);
        })
        .random(POINTS, r -> args(signedVector(r, 1 + r.nextInt(5), 0.2, 2), u(r, 1.2, 4))),
    // Elman RNN: h[t+1][j] = tanh(Σ W[j][k] h[t][k] + Σ U[j][k] xs[t][k]), rows of a local
    // double[][] written in place; loss Σ h[T][j]²
    ArrayCase.of("rnn", "double[][] W, double[][] U, double[][] xs, double[] h0",
            """
            int T = xs.length;
            int n = h0.length;
            double[][] h = new double[T + 1][n];
            for (int j = 0; j < n; j++) {
              h[0][j] = h0[j];
            }
            for (int t = 0; t < T; t++) {
              for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                  s += W[j][k] * h[t][k];
                }
                for (int k = 0; k < xs[t].length; k++) {
                  s += U[j][k] * xs[t][k];
                }
                h[t + 1][j] = Math.tanh(s);
              }
            }
            double loss = 0;
            for (int j = 0; j < n; j++) {
              loss += h[T][j] * h[T][j];
            }
            return loss;""")
        .random(POINTS, r -> {
          int n = 2 + r.nextInt(2);
          int m = 1 + r.nextInt(2);
          int steps = 1 + r.nextInt(4);
          return args(matrix(r, n, n, -0.8, 0.8), matrix(r, n, m, -0.8, 0.8),
              matrix(r, steps, m, -1, 1), vector(r, n, -0.5, 0.5));
        }),
    // the same recurrence with one state vector overwritten every step (next, then copied back)
    ArrayCase.of("rnnOverwrite", "double[][] W, double[] xs, double[] h0",
            """
            int n = h0.length;
            double[] h = new double[n];
            double[] next = new double[n];
            for (int j = 0; j < n; j++) {
              h[j] = h0[j];
            }
            for (int t = 0; t < xs.length; t++) {
              for (int j = 0; j < n; j++) {
                double s = xs[t];
                for (int k = 0; k < n; k++) {
                  s += W[j][k] * h[k];
                }
                next[j] = Math.tanh(s);
              }
              for (int j = 0; j < n; j++) {
                h[j] = next[j];
              }
            }
            double loss = 0;
            for (int j = 0; j < n; j++) {
              loss += (j + 1) * h[j];
            }
            return loss;""")
        .random(POINTS, r -> {
          int n = 2 + r.nextInt(2);
          return args(matrix(r, n, n, -0.8, 0.8), vector(r, 1 + r.nextInt(4), -1, 1),
              vector(r, n, -0.5, 0.5));
        }),
    // a local array overwritten in place, reading its old value: a[i] = sin(a[i] + x[i]) · w
    ArrayCase.of("overwriteLocalInPlace", "double[] x, double w",
            """
            double[] a = new double[x.length];
            for (int rep = 0; rep < 3; rep++) {
              for (int i = 0; i < x.length; i++) {
                a[i] = Math.sin(a[i] + x[i]) * w;
                a[i] += a[i] * a[i];
              }
            }
            double s = 0;
            for (int i = 0; i < a.length; i++) {
              s += a[i];
            }
            return s;""")
        .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1))),
    // logsumexp with the max shift (a branch in a loop); gradient = softmax
    ArrayCase.of("logSumExp", "double[] x",
            """
            double m = x[0];
            for (int i = 1; i < x.length; i++) {
              if (x[i] > m) {
                m = x[i];
              }
            }
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              s += Math.exp(x[i] - m);
            }
            return m + Math.log(s);""")
        .closedForm(a -> args(softmax((double[]) a[0])))
        .fdStep(2e-5) // the shifted point: steps relative to 1000
        .at(new double[] {1000.0, 1000.5, 999.0})
        .at(new double[] {-0.3})
        .random(POINTS, r -> args(vector(r, 2 + r.nextInt(5), -3, 3))),
    // logsumexp with the shift pinned by withoutDerivative: still softmax
    ArrayCase.of("logSumExpStopped", "double[] x",
            """
            double m = x[0];
            for (double v : x) {
              m = Math.max(m, v);
            }
            m = Gradients.withoutDerivative(m);
            double s = 0;
            for (double v : x) {
              s += Math.exp(v - m);
            }
            return m + Math.log(s);""")
        .closedForm(a -> args(softmax((double[]) a[0])))
        .random(POINTS, r -> args(vector(r, 2 + r.nextInt(5), -3, 3))),
    // continue inside an accumulating for loop
    ArrayCase.of("continueSkipsNegatives", "double[] x, double w",
            """
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              if (x[i] < 0) {
                continue;
              }
              s += w * x[i] * x[i];
            }
            return s;""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double w = (Double) a[1];
          double[] dx = new double[x.length];
          double dw = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] >= 0) {
              dx[i] = 2 * w * x[i];
              dw += x[i] * x[i];
            }
          }
          return args(dx, dw);
        })
        .random(POINTS, r -> args(signedVector(r, 1 + r.nextInt(6), 0.1, 2), u(r, -2, 2))),
    // continue inside a while loop (the increment comes first)
    ArrayCase.of("continueInWhile", "double[] x, double w",
            """
            double s = 0;
            int i = 0;
            while (i < x.length) {
              double v = x[i];
              i++;
              if (v < 0) {
                continue;
              }
              s += Math.exp(w * v);
            }
            return s;""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double w = (Double) a[1];
          double[] dx = new double[x.length];
          double dw = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] >= 0) {
              dx[i] = w * Math.exp(w * x[i]);
              dw += x[i] * Math.exp(w * x[i]);
            }
          }
          return args(dx, dw);
        })
        .random(POINTS, r -> args(signedVector(r, 1 + r.nextInt(6), 0.1, 2), u(r, -1, 1))),
    // do/while with a data-dependent break
    ArrayCase.of("doWhileBreakOnSum", "double[] x, double w",
            """
            double s = 0;
            int i = 0;
            do {
              s += Math.exp(w * x[i]);
              if (s > 4) {
                break;
              }
              i++;
            } while (i < x.length);
            return s;""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double w = (Double) a[1];
          double[] dx = new double[x.length];
          double dw = 0;
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += Math.exp(w * x[i]);
            dx[i] = w * Math.exp(w * x[i]);
            dw += x[i] * Math.exp(w * x[i]);
            if (s > 4) {
              break;
            }
          }
          return args(dx, dw);
        })
        .random(POINTS + 2, r -> args(vector(r, 1 + r.nextInt(7), -1, 1), u(r, -1, 1)),
            ArrayGradientTest::partialExpSumsAwayFrom4),
    // for-each over double[]: Horner's rule, s = s·w + v
    ArrayCase.of("hornerForEach", "double[] x, double w",
            """
            double s = 0;
            for (double v : x) {
              s = s * w + v;
            }
            return s;""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double w = (Double) a[1];
          int n = x.length;
          double[] dx = new double[n];
          double dw = 0;
          for (int i = 0; i < n; i++) {
            dx[i] = Math.pow(w, n - 1 - i);
            if (n - 1 - i > 0) {
              dw += x[i] * (n - 1 - i) * Math.pow(w, n - 2 - i);
            }
          }
          return args(dx, dw);
        })
        .random(POINTS, r -> args(vector(r, 1 + r.nextInt(6), -2, 2), u(r, -1.5, 1.5))),
    // for-each over the rows of a double[][], and over each row: Σ_i (m_i · c)²
    ArrayCase.of("forEachRows", "double[][] m, double[] c",
            """
            double s = 0;
            for (double[] row : m) {
              double r = 0;
              int j = 0;
              for (double v : row) {
                r += v * c[j];
                j++;
              }
              s += r * r;
            }
            return s;""")
        .closedForm(a -> {
          double[][] m = (double[][]) a[0];
          double[] c = (double[]) a[1];
          double[][] dm = new double[m.length][c.length];
          double[] dc = new double[c.length];
          for (int i = 0; i < m.length; i++) {
            double r = 0;
            for (int j = 0; j < c.length; j++) {
              r += m[i][j] * c[j];
            }
            for (int j = 0; j < c.length; j++) {
              dm[i][j] = 2 * r * c[j];
              dc[j] += 2 * r * m[i][j];
            }
          }
          return args(dm, dc);
        })
        .random(POINTS, r -> {
          int cols = 1 + r.nextInt(4);
          return args(matrix(r, 1 + r.nextInt(4), cols, -1, 1), vector(r, cols, -1, 1));
        }),
    // rows of different lengths: Σ_i (Σ_j m_ij)² / len_i, via .length and an alias row = m[i]
    ArrayCase.of("raggedRows", "double[][] m",
            """
            double s = 0;
            for (int i = 0; i < m.length; i++) {
              double[] row = m[i];
              double r = 0;
              for (int j = 0; j < row.length; j++) {
                r += row[j];
              }
              s += r * r / row.length;
            }
            return s;""")
        .closedForm(a -> {
          double[][] m = (double[][]) a[0];
          double[][] dm = new double[m.length][];
          for (int i = 0; i < m.length; i++) {
            double r = 0;
            for (double v : m[i]) {
              r += v;
            }
            dm[i] = new double[m[i].length];
            java.util.Arrays.fill(dm[i], 2 * r / m[i].length);
          }
          return args((Object) dm);
        })
        .at((Object) new double[][] {{1.0}, {0.5, -2.0, 3.0}, {0.25, 0.75}})
        .random(POINTS, r -> {
          double[][] m = new double[1 + r.nextInt(4)][];
          for (int i = 0; i < m.length; i++) {
            m[i] = vector(r, 1 + r.nextInt(4), -2, 2);
          }
          return args((Object) m);
        }),
    // while with a data-dependent trip count: add squares until the sum reaches limit
    ArrayCase.of("sumSquaresUntil", "double[] x, double limit, double w",
            """
            double s = 0;
            int i = 0;
            while (i < x.length && s < limit) {
              s += x[i] * x[i];
              i++;
            }
            return s * w + i;""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double limit = (Double) a[1];
          double w = (Double) a[2];
          double[] dx = new double[x.length];
          double s = 0;
          int i = 0;
          while (i < x.length && s < limit) {
            s += x[i] * x[i];
            dx[i] = 2 * x[i] * w;
            i++;
          }
          return args(dx, 0.0, s);
        })
        .random(POINTS + 2, r -> args(vector(r, 1 + r.nextInt(7), -1.5, 1.5), u(r, 0.5, 4),
            u(r, -2, 2)), ArrayGradientTest::partialSquareSumsAwayFromLimit),
    // return from inside a loop over an array
    ArrayCase.of("returnFirstAbove", "double[] x, double w",
            """
            for (int i = 0; i < x.length; i++) {
              if (x[i] > 1) {
                return x[i] * x[i] * w;
              }
            }
            return w;""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double w = (Double) a[1];
          double[] dx = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            if (x[i] > 1) {
              dx[i] = 2 * x[i] * w;
              return args(dx, x[i] * x[i]);
            }
          }
          return args(dx, 1.0);
        })
        .at(new double[] {0.5, -0.5}, 2.0)
        .random(POINTS, r -> args(vector(r, 1 + r.nextInt(6), -2, 2), u(r, -2, 2)),
            a -> awayFrom((double[]) a[0], 1, 0.05)),
    // gather through an int[] index array with duplicates: Σ_k c_k · w · x[idx[k]]²
    ArrayCase.of("gather", "double[] x, double w, int[] idx, double[] c",
            """
            double s = 0;
            for (int k = 0; k < idx.length; k++) {
              s += c[k] * w * x[idx[k]] * x[idx[k]];
            }
            return s;""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double w = (Double) a[1];
          int[] idx = (int[]) a[2];
          double[] c = (double[]) a[3];
          double[] dx = new double[x.length];
          double dw = 0;
          double[] dc = new double[c.length];
          for (int k = 0; k < idx.length; k++) {
            double v = x[idx[k]];
            dx[idx[k]] += 2 * c[k] * w * v;
            dw += c[k] * v * v;
            dc[k] = w * v * v;
          }
          return args(dx, dw, dc);
        })
        .at(new double[] {1.0, 2.0, 3.0}, 0.5, new int[] {0, 2, 2, 1, 0, 2},
            new double[] {1.0, -1.0, 2.0, 0.5, 1.5, -0.25})
        .random(POINTS, r -> {
          int n = 1 + r.nextInt(4);
          int k = 1 + r.nextInt(8);
          return args(vector(r, n, -2, 2), u(r, -2, 2), indices(r, k, n), vector(r, k, -1, 1));
        }),
    // scatter-add into a local array through an int[] (duplicates accumulate), then read back
    ArrayCase.of("scatterAdd", "double[] x, double[] w, int[] idx",
            """
            double[] acc = new double[x.length];
            for (int k = 0; k < idx.length; k++) {
              acc[idx[k]] += w[k] * x[idx[k]];
            }
            double s = 0;
            for (int j = 0; j < acc.length; j++) {
              s += acc[j] * acc[j];
            }
            return s;""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double[] w = (double[]) a[1];
          int[] idx = (int[]) a[2];
          double[] weight = new double[x.length];
          for (int k = 0; k < idx.length; k++) {
            weight[idx[k]] += w[k];
          }
          double[] dx = new double[x.length];
          for (int j = 0; j < x.length; j++) {
            dx[j] = 2 * x[j] * weight[j] * weight[j];
          }
          double[] dw = new double[w.length];
          for (int k = 0; k < idx.length; k++) {
            int j = idx[k];
            dw[k] = 2 * x[j] * x[j] * weight[j];
          }
          return args(dx, dw);
        })
        .at(new double[] {1.0, -2.0, 0.5}, new double[] {1.0, 2.0, -0.5, 3.0},
            new int[] {1, 1, 0, 1})
        .random(POINTS, r -> {
          int n = 1 + r.nextInt(4);
          int k = 1 + r.nextInt(8);
          return args(vector(r, n, -2, 2), vector(r, k, -1, 1), indices(r, k, n));
        }),
    // prefix sums in a local array, written then read: Σ_i c_i p_i², p_{i+1} = p_i + x_i
    ArrayCase.of("prefixSums", "double[] x",
            """
            int n = x.length;
            double[] p = new double[n + 1];
            for (int i = 0; i < n; i++) {
              p[i + 1] = p[i] + x[i];
            }
            double s = 0;
            for (int i = 1; i <= n; i++) {
              s += p[i] * p[i] * (i % 2 == 0 ? 1 : 0.5);
            }
            return s;""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          int n = x.length;
          double[] p = new double[n + 1];
          for (int i = 0; i < n; i++) {
            p[i + 1] = p[i] + x[i];
          }
          double[] dx = new double[n];
          for (int j = 0; j < n; j++) {
            for (int i = j + 1; i <= n; i++) {
              dx[j] += 2 * p[i] * (i % 2 == 0 ? 1 : 0.5);
            }
          }
          return args(dx);
        })
        .random(POINTS, r -> args(vector(r, 1 + r.nextInt(6), -2, 2))),
    // withoutDerivative on array elements: Σ x_i · stop(x_i) has ∂x_i = x_i (not 2x_i);
    // finite differences see the plain function, so only the closed form applies
    ArrayCase.of("withoutDerivativeElements", "double[] x",
            """
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              s += x[i] * Gradients.withoutDerivative(x[i]);
            }
            return s;""")
        .closedForm(a -> args(((double[]) a[0]).clone()))
        .noFiniteDifferences()
        .random(POINTS, r -> args(vector(r, 1 + r.nextInt(5), -2, 2))),
    // normalize by a stopped norm: Σ x_i / stop(‖x‖) has ∂x_i = 1/‖x‖
    ArrayCase.of("withoutDerivativeNorm", "double[] x",
            """
            double n2 = 0;
            for (double v : x) {
              n2 += v * v;
            }
            double norm = Gradients.withoutDerivative(Math.sqrt(n2));
            double s = 0;
            for (double v : x) {
              s += v / norm;
            }
            return s;""")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double n2 = 0;
          for (double v : x) {
            n2 += v * v;
          }
          double[] dx = new double[x.length];
          java.util.Arrays.fill(dx, 1 / Math.sqrt(n2));
          return args(dx);
        })
        .noFiniteDifferences()
        .random(POINTS, r -> args(vector(r, 1 + r.nextInt(5), 0.2, 2))),
    // least squares ‖y − Xw‖²: ∂w = 2Xᵀ(Xw − y), ∂y = −2(Xw − y), ∂X_ij = 2 r_i w_j
    ArrayCase.of("leastSquares", "double[][] X, double[] w, double[] y",
            """
            double s = 0;
            for (int i = 0; i < X.length; i++) {
              double r = -y[i];
              for (int j = 0; j < w.length; j++) {
                r += X[i][j] * w[j];
              }
              s += r * r;
            }
            return s;""")
        .closedForm(ArrayGradientTest::leastSquaresGradient)
        .at(new double[0][0], new double[] {0.5}, new double[0]) // no rows
        .random(POINTS, ArrayGradientTest::leastSquaresPoint),
    // the same through a row alias, differentiated only with respect to w (no grad buffer)
    ArrayCase.of("leastSquaresWrtW", "double[][] X, double[] w, double[] y",
            """
            double s = 0;
            for (int i = 0; i < X.length; i++) {
              double[] row = X[i];
              double r = 0;
              for (int j = 0; j < row.length; j++) {
                r += row[j] * w[j];
              }
              r -= y[i];
              s += r * r;
            }
            return s;""")
        .wrt("w")
        .closedForm(a -> args(leastSquaresGradient(a)[1]))
        .random(POINTS, ArrayGradientTest::leastSquaresPoint),
  };

  static final ArraySuite SUITE =
      ArraySuite.of("adjtest.arrays.Arrays", CASES)
          .imports("import dev.adjoint.runtime.Gradients;");

  @TestFactory
  Stream<DynamicNode> arrayLoops() {
    return SUITE.tests();
  }

  // ---- closed forms and samplers ----

  static double[] softmax(double[] x) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      m = Math.max(m, v);
    }
    double s = 0;
    for (double v : x) {
      s += Math.exp(v - m);
    }
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = Math.exp(x[i] - m) / s;
    }
    return p;
  }

  static Object[] leastSquaresGradient(Object[] a) {
    double[][] X = (double[][]) a[0];
    double[] w = (double[]) a[1];
    double[] y = (double[]) a[2];
    double[][] dX = new double[X.length][w.length];
    double[] dw = new double[w.length];
    double[] dy = new double[y.length];
    for (int i = 0; i < X.length; i++) {
      double r = -y[i];
      for (int j = 0; j < w.length; j++) {
        r += X[i][j] * w[j];
      }
      dy[i] = -2 * r;
      for (int j = 0; j < w.length; j++) {
        dw[j] += 2 * X[i][j] * r;
        dX[i][j] = 2 * r * w[j];
      }
    }
    return args(dX, dw, dy);
  }

  static Object[] leastSquaresPoint(Random r) {
    int n = 1 + r.nextInt(5);
    int d = 1 + r.nextInt(3);
    return args(matrix(r, n, d, -2, 2), vector(r, d, -1, 1), vector(r, n, -2, 2));
  }

  /** {@code k} indices in {@code [0, n)}, at least one repeated when {@code k > 1}. */
  static int[] indices(Random r, int k, int n) {
    int[] idx = new int[k];
    for (int i = 0; i < k; i++) {
      idx[i] = r.nextInt(n);
    }
    if (k > 1) {
      idx[k - 1] = idx[0];
    }
    return idx;
  }

  static boolean awayFrom(double[] x, double threshold, double margin) {
    for (double v : x) {
      if (Math.abs(v - threshold) < margin) {
        return false;
      }
    }
    return true;
  }

  static boolean partialExpSumsAwayFrom4(Object[] a) {
    double[] x = (double[]) a[0];
    double w = (Double) a[1];
    double s = 0;
    for (double v : x) {
      s += Math.exp(w * v);
      if (Math.abs(s - 4) < 0.05) {
        return false;
      }
    }
    return true;
  }

  static boolean partialSquareSumsAwayFromLimit(Object[] a) {
    double[] x = (double[]) a[0];
    double limit = (Double) a[1];
    double s = 0;
    for (double v : x) {
      s += v * v;
      if (Math.abs(s - limit) < 0.05) {
        return false;
      }
    }
    return true;
  }
}
