package dev.adjoint.processor.kernels;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.signedVector;
import static dev.adjoint.processor.numeric.ArrayCase.Values.spd;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;

import dev.adjoint.processor.numeric.ArrayCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code @Differentiable} methods that call the {@code LinearAlgebra} kernels: at least one per
 * kernel, alone (an array result is reduced by a loop against fixed weights, so only that
 * kernel's pullback is exercised), with the same array passed twice, chained into small models,
 * inside loops, and with a scalar argument ({@code scale}, {@code scaleMatrix}) that is itself
 * differentiated. Every coordinate is checked against finite differences, and against a closed
 * form where one is short.
 */
final class KernelCases {

  static final int POINTS = 3;

  private KernelCases() {}

  /** {@code r = expr} reduced to {@code Σ c_i r_i}; {@code c} must be a parameter. */
  static String weighted(String expr) {
    return "double[] r = " + expr + ";\n"
        + "double s = 0;\n"
        + "for (int i = 0; i < r.length; i++) {\n"
        + "  s += c[i] * r[i];\n"
        + "}\n"
        + "return s;";
  }

  /** {@code R = expr} reduced to {@code ⟨C, R⟩ = Σ C_ij R_ij}; {@code C} must be a parameter. */
  static String weightedMatrix(String expr) {
    return "double[][] R = " + expr + ";\n"
        + "double s = 0;\n"
        + "for (int i = 0; i < R.length; i++) {\n"
        + "  for (int j = 0; j < R[i].length; j++) {\n"
        + "    s += C[i][j] * R[i][j];\n"
        + "  }\n"
        + "}\n"
        + "return s;";
  }

  /** A random matrix plus {@code n·I}: invertible and well conditioned. */
  static double[][] invertible(Random r, int n) {
    double[][] a = matrix(r, n, n, -1, 1);
    for (int i = 0; i < n; i++) {
      a[i][i] += n;
    }
    return a;
  }


  /** A random matrix with {@code n + u} on the diagonal, u in [0, 1): a usable triangular factor. */
  static double[][] positiveDiagonal(Random r, int n) {
    double[][] a = matrix(r, n, n, -1, 1);
    for (int i = 0; i < n; i++) {
      a[i][i] = n + r.nextDouble();
    }
    return a;
  }

  static int size(Random r) {
    return 1 + r.nextInt(4);
  }

  static double[][] identity(int n) {
    double[][] id = new double[n][n];
    for (int i = 0; i < n; i++) {
      id[i][i] = 1;
    }
    return id;
  }

  static double[][] transpose(double[][] a) {
    double[][] t = new double[a.length == 0 ? 0 : a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  static double[][] times(double[][] a, double[][] b) {
    double[][] c = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < b.length; k++) {
        for (int j = 0; j < b[0].length; j++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return c;
  }

  static double[] times(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < x.length; j++) {
        y[i] += a[i][j] * x[j];
      }
    }
    return y;
  }

  static double[][] outer(double[] x, double[] y) {
    double[][] c = new double[x.length][y.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < y.length; j++) {
        c[i][j] = x[i] * y[j];
      }
    }
    return c;
  }

  static double[] scaled(double a, double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = a * x[i];
    }
    return y;
  }

  /** One method per kernel, each kernel alone. */
  static List<ArrayCase> singleKernels() {
    List<ArrayCase> cases = new ArrayList<>();
    // ---- products
    cases.add(ArrayCase.of("dot", "double[] x, double[] y", "return LinearAlgebra.dot(x, y);")
        .closedForm(a -> args(((double[]) a[1]).clone(), ((double[]) a[0]).clone()))
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -2, 2), vector(r, n, -2, 2));
        }));
    cases.add(ArrayCase.of("matVec", "double[][] A, double[] x, double[] c",
            weighted("LinearAlgebra.matVec(A, x)"))
        .wrt("A", "x")
        .closedForm(a -> args(outer((double[]) a[2], (double[]) a[1]),
            times(transpose((double[][]) a[0]), (double[]) a[2])))
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(matrix(r, m, n, -1, 1), vector(r, n, -1, 1), vector(r, m, -1, 1));
        }));
    cases.add(ArrayCase.of("vecMat", "double[] x, double[][] A, double[] c",
            weighted("LinearAlgebra.vecMat(x, A)"))
        .wrt("x", "A")
        .closedForm(a -> args(times((double[][]) a[1], (double[]) a[2]),
            outer((double[]) a[0], (double[]) a[2])))
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(vector(r, m, -1, 1), matrix(r, m, n, -1, 1), vector(r, n, -1, 1));
        }));
    cases.add(ArrayCase.of("matMul", "double[][] A, double[][] B, double[][] C",
            weightedMatrix("LinearAlgebra.matMul(A, B)"))
        .wrt("A", "B")
        .closedForm(a -> {
          double[][] A = (double[][]) a[0];
          double[][] B = (double[][]) a[1];
          double[][] C = (double[][]) a[2];
          return args(times(C, transpose(B)), times(transpose(A), C));
        })
        .random(POINTS, r -> {
          int m = size(r);
          int p = size(r);
          int n = size(r);
          return args(matrix(r, m, p, -1, 1), matrix(r, p, n, -1, 1), matrix(r, m, n, -1, 1));
        }));
    cases.add(ArrayCase.of("transpose", "double[][] A, double[][] C",
            weightedMatrix("LinearAlgebra.transpose(A)"))
        .wrt("A")
        .closedForm(a -> args(transpose((double[][]) a[1])))
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(matrix(r, m, n, -1, 1), matrix(r, n, m, -1, 1));
        }));
    cases.add(ArrayCase.of("outer", "double[] x, double[] y, double[][] C",
            weightedMatrix("LinearAlgebra.outer(x, y)"))
        .wrt("x", "y")
        .closedForm(a -> args(times((double[][]) a[2], (double[]) a[1]),
            times(transpose((double[][]) a[2]), (double[]) a[0])))
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(vector(r, m, -1, 1), vector(r, n, -1, 1), matrix(r, m, n, -1, 1));
        }));
    cases.add(ArrayCase.of("trace", "double[][] A", "return 3 * LinearAlgebra.trace(A);")
        .closedForm(a -> {
          double[][] g = identity(((double[][]) a[0]).length);
          for (double[] row : g) {
            for (int j = 0; j < row.length; j++) {
              row[j] *= 3;
            }
          }
          return args((Object) g);
        })
        .random(POINTS, r -> {
          int n = size(r);
          return args((Object) matrix(r, n, n, -1, 1));
        }));
    cases.add(ArrayCase.of("quadForm", "double[] x, double[][] A",
            "return LinearAlgebra.quadForm(x, A);")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double[][] A = (double[][]) a[1];
          double[] g = times(A, x);
          double[] h = times(transpose(A), x);
          for (int i = 0; i < g.length; i++) {
            g[i] += h[i];
          }
          return args(g, outer(x, x));
        })
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), matrix(r, n, n, -1, 1));
        }));
    cases.add(ArrayCase.of("bilinear", "double[] x, double[][] A, double[] y",
            "return LinearAlgebra.bilinear(x, A, y);")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double[][] A = (double[][]) a[1];
          double[] y = (double[]) a[2];
          return args(times(A, y), outer(x, y), times(transpose(A), x));
        })
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(vector(r, m, -1, 1), matrix(r, m, n, -1, 1), vector(r, n, -1, 1));
        }));
    // ---- reductions
    cases.add(ArrayCase.of("sum", "double[] x",
            "return LinearAlgebra.sum(x) * LinearAlgebra.sum(x);")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1))));
    cases.add(ArrayCase.of("norm2", "double[] x", "return LinearAlgebra.norm2(x);")
        .closedForm(a -> {
          double[] x = (double[]) a[0];
          double n = 0;
          for (double v : x) {
            n += v * v;
          }
          return args((Object) scaled(1 / Math.sqrt(n), x));
        })
        .random(POINTS, r -> args((Object) signedVector(r, size(r), 0.2, 2))));
    cases.add(ArrayCase.of("squaredNorm", "double[] x", "return LinearAlgebra.squaredNorm(x);")
        .closedForm(a -> args((Object) scaled(2, (double[]) a[0])))
        .random(POINTS, r -> args((Object) vector(r, size(r), -2, 2))));
    cases.add(ArrayCase.of("logSumExp", "double[] x", "return LinearAlgebra.logSumExp(x);")
        .random(POINTS, r -> args((Object) vector(r, size(r), -3, 3))));
    // ---- element-wise, vector to vector
    cases.add(ArrayCase.of("add", "double[] x, double[] y, double[] c",
            weighted("LinearAlgebra.add(x, y)"))
        .wrt("x", "y")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    cases.add(ArrayCase.of("sub", "double[] x, double[] y, double[] c",
            weighted("LinearAlgebra.sub(x, y)"))
        .wrt("x", "y")
        .closedForm(a -> args(((double[]) a[2]).clone(), scaled(-1, (double[]) a[2])))
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    cases.add(ArrayCase.of("scale", "double a, double[] x, double[] c",
            weighted("LinearAlgebra.scale(a, x)"))
        .wrt("a", "x")
        .closedForm(p -> {
          double a = (Double) p[0];
          double[] x = (double[]) p[1];
          double[] c = (double[]) p[2];
          double da = 0;
          for (int i = 0; i < x.length; i++) {
            da += c[i] * x[i];
          }
          return args(da, scaled(a, c));
        })
        .random(POINTS, r -> {
          int n = size(r);
          return args(u(r, -2, 2), vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    cases.add(ArrayCase.of("hadamard", "double[] x, double[] y, double[] c",
            weighted("LinearAlgebra.hadamard(x, y)"))
        .wrt("x", "y")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    cases.add(elementwise("exp", -2, 2));
    cases.add(elementwise("log", 0.2, 3));
    cases.add(elementwise("tanh", -2, 2));
    cases.add(elementwise("sigmoid", -4, 4));
    // relu: points at least 0.2 from the kink, finite-difference steps are ~1e-4
    cases.add(ArrayCase.of("relu", "double[] x, double[] c", weighted("LinearAlgebra.relu(x)"))
        .wrt("x")
        .random(POINTS, r -> {
          int n = size(r);
          return args(signedVector(r, n, 0.2, 2), vector(r, n, -1, 1));
        }));
    cases.add(elementwise("softplus", -3, 3));
    cases.add(elementwise("softmax", -2, 2));
    // ---- matrices
    cases.add(ArrayCase.of("addMatrices", "double[][] A, double[][] B, double[][] C",
            weightedMatrix("LinearAlgebra.addMatrices(A, B)"))
        .wrt("A", "B")
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(matrix(r, m, n, -1, 1), matrix(r, m, n, -1, 1), matrix(r, m, n, -1, 1));
        }));
    cases.add(ArrayCase.of("subMatrices", "double[][] A, double[][] B, double[][] C",
            weightedMatrix("LinearAlgebra.subMatrices(A, B)"))
        .wrt("A", "B")
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(matrix(r, m, n, -1, 1), matrix(r, m, n, -1, 1), matrix(r, m, n, -1, 1));
        }));
    // (the scalar is not called a: dA would clash with A's component, and the generator would
    // rename it dA2)
    cases.add(ArrayCase.of("scaleMatrix", "double alpha, double[][] A, double[][] C",
            weightedMatrix("LinearAlgebra.scaleMatrix(alpha, A)"))
        .wrt("alpha", "A")
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(u(r, -2, 2), matrix(r, m, n, -1, 1), matrix(r, m, n, -1, 1));
        }));
    cases.add(ArrayCase.of("det", "double[][] A", "return LinearAlgebra.det(A);")
        .random(POINTS, r -> args((Object) invertible(r, size(r)))));
    cases.add(ArrayCase.of("logDet", "double[][] A", "return LinearAlgebra.logDet(A);")
        .random(POINTS, r -> {
          double[][] a = invertible(r, size(r));
          if (r.nextBoolean()) {
            a[0] = scaled(-1, a[0]); // log |det A| for a negative determinant too
          }
          return args((Object) a);
        }));
    cases.add(ArrayCase.of("inverse", "double[][] A, double[][] C",
            weightedMatrix("LinearAlgebra.inverse(A)"))
        .wrt("A")
        .random(POINTS, r -> {
          int n = size(r);
          return args(invertible(r, n), matrix(r, n, n, -1, 1));
        }));
    cases.add(ArrayCase.of("solve", "double[][] A, double[] b, double[] c",
            weighted("LinearAlgebra.solve(A, b)"))
        .wrt("A", "b")
        .random(POINTS, r -> {
          int n = size(r);
          return args(invertible(r, n), vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    // ---- symmetric positive-definite matrices and triangular solves
    cases.add(ArrayCase.of("cholesky", "double[][] A, double[][] C",
            weightedMatrix("LinearAlgebra.cholesky(A)"))
        .wrt("A")
        .random(POINTS, r -> {
          int n = size(r);
          return args(spd(r, n), matrix(r, n, n, -1, 1));
        }));
    cases.add(ArrayCase.of("choleskyLogDet", "double[][] L",
            "return LinearAlgebra.choleskyLogDet(L);")
        .random(POINTS, r -> args((Object) positiveDiagonal(r, size(r)))));
    cases.add(ArrayCase.of("choleskySolve", "double[][] L, double[] b, double[] c",
            weighted("LinearAlgebra.choleskySolve(L, b)"))
        .wrt("L", "b")
        .random(POINTS, r -> {
          int n = size(r);
          return args(positiveDiagonal(r, n), vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    cases.add(ArrayCase.of("logDetSpd", "double[][] A", "return LinearAlgebra.logDetSpd(A);")
        .random(POINTS, r -> args((Object) spd(r, size(r)))));
    cases.add(ArrayCase.of("solveSpd", "double[][] A, double[] b, double[] c",
            weighted("LinearAlgebra.solveSpd(A, b)"))
        .wrt("A", "b")
        .random(POINTS, r -> {
          int n = size(r);
          return args(spd(r, n), vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    for (String solve : List.of("solveLower", "solveUpper")) {
      cases.add(ArrayCase.of(solve, "double[][] T, double[] b, double[] c",
              weighted("LinearAlgebra." + solve + "(T, b)"))
          .wrt("T", "b")
          .random(POINTS, r -> {
            int n = size(r);
            // the other triangle is random too: it is never read, so its gradient is 0
            return args(invertible(r, n), vector(r, n, -1, 1), vector(r, n, -1, 1));
          }));
    }
    return cases;
  }

  private static ArrayCase elementwise(String kernel, double lo, double hi) {
    return ArrayCase.of(kernel, "double[] x, double[] c",
            weighted("LinearAlgebra." + kernel + "(x)"))
        .wrt("x")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, lo, hi), vector(r, n, -1, 1));
        });
  }

  /** The same array passed twice: the pullback receives one adjoint array in both places. */
  static List<ArrayCase> aliasedArguments() {
    List<ArrayCase> cases = new ArrayList<>();
    cases.add(ArrayCase.of("dotSelf", "double[] x", "return LinearAlgebra.dot(x, x);")
        .closedForm(a -> args((Object) scaled(2, (double[]) a[0])))
        .random(POINTS, r -> args((Object) vector(r, size(r), -2, 2))));
    cases.add(ArrayCase.of("addSelf", "double[] x, double[] c", weighted("LinearAlgebra.add(x, x)"))
        .wrt("x")
        .closedForm(a -> args((Object) scaled(2, (double[]) a[1])))
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    cases.add(ArrayCase.of("hadamardSelf", "double[] x, double[] c",
            weighted("LinearAlgebra.hadamard(x, x)"))
        .wrt("x")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    cases.add(ArrayCase.of("outerSelf", "double[] x, double[][] C",
            weightedMatrix("LinearAlgebra.outer(x, x)"))
        .wrt("x")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), matrix(r, n, n, -1, 1));
        }));
    cases.add(ArrayCase.of("matMulSelf", "double[][] A, double[][] C",
            weightedMatrix("LinearAlgebra.matMul(A, A)"))
        .wrt("A")
        .random(POINTS, r -> {
          int n = size(r);
          return args(matrix(r, n, n, -1, 1), matrix(r, n, n, -1, 1));
        }));
    cases.add(ArrayCase.of("bilinearSelf", "double[] x, double[][] A",
            "return LinearAlgebra.bilinear(x, A, x);")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), matrix(r, n, n, -1, 1));
        }));
    cases.add(ArrayCase.of("subSelf", "double[] x",
            """
            double[] z = LinearAlgebra.sub(x, x);
            return LinearAlgebra.sum(z) + LinearAlgebra.sum(x);""")
        .closedForm(a -> {
          double[] g = new double[((double[]) a[0]).length];
          java.util.Arrays.fill(g, 1);
          return args((Object) g);
        })
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1))));
    return cases;
  }

  /** Kernels feeding kernels: small models as one writes them. */
  static List<ArrayCase> chains() {
    List<ArrayCase> cases = new ArrayList<>();
    // two-layer perceptron with softmax output and cross-entropy against soft targets t
    cases.add(ArrayCase.of("mlp", "double[][] W1, double[][] W2, double[] x, double[] t",
            """
            double[] h = LinearAlgebra.tanh(LinearAlgebra.matVec(W1, x));
            double[] p = LinearAlgebra.softmax(LinearAlgebra.matVec(W2, h));
            return -LinearAlgebra.dot(t, LinearAlgebra.log(p));""")
        .wrt("W1", "W2", "x")
        .random(POINTS, r -> {
          int m = size(r);
          int h = size(r);
          int k = 1 + size(r);
          return args(matrix(r, h, m, -1, 1), matrix(r, k, h, -1, 1), vector(r, m, -1, 1),
              vector(r, k, 0, 1));
        }));
    // Gaussian log-density up to a constant: −½ (x − μ)ᵀ S⁻¹ (x − μ) − ½ log det S
    cases.add(ArrayCase.of("gaussian", "double[] x, double[] mu, double[][] S",
            """
            double[] d = LinearAlgebra.sub(x, mu);
            double[][] P = LinearAlgebra.inverse(S);
            return -0.5 * LinearAlgebra.quadForm(d, P) - 0.5 * LinearAlgebra.logDet(S);""")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), vector(r, n, -1, 1), spd(r, n));
        }));
    // ridge regression fitted by solving the normal equations, loss of the fit; λ through
    // scaleMatrix's scalar argument
    cases.add(ArrayCase.of("ridgeFit", "double[][] X, double[] y, double lambda, double[][] I",
            """
            double[][] G = LinearAlgebra.addMatrices(
                LinearAlgebra.matMul(LinearAlgebra.transpose(X), X),
                LinearAlgebra.scaleMatrix(lambda, I));
            double[] w = LinearAlgebra.solve(G, LinearAlgebra.vecMat(y, X));
            return LinearAlgebra.squaredNorm(LinearAlgebra.sub(LinearAlgebra.matVec(X, w), y));""")
        .wrt("X", "y", "lambda")
        .random(POINTS, r -> {
          int n = size(r);
          int m = n + size(r);
          return args(matrix(r, m, n, -1, 1), vector(r, m, -1, 1), u(r, 0.5, 2), identity(n));
        }));
    // one kernel result used three times
    cases.add(ArrayCase.of("reusedResult", "double[] x",
            """
            double[] e = LinearAlgebra.exp(x);
            return LinearAlgebra.dot(e, e) + LinearAlgebra.sum(e) * LinearAlgebra.norm2(e);""")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1))));
    // a kernel's scalar result as another kernel's scalar argument
    cases.add(ArrayCase.of("scalarFromKernel", "double[] x, double[] y",
            """
            double a = LinearAlgebra.dot(x, y);
            double[] z = LinearAlgebra.scale(a, x);
            return LinearAlgebra.sum(LinearAlgebra.hadamard(z, LinearAlgebra.exp(y)));""")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    // an expression as the scalar argument
    cases.add(ArrayCase.of("scaleByExpression", "double alpha, double[][] A, double[] x",
            """
            double[][] B = LinearAlgebra.scaleMatrix(alpha * alpha + Math.sin(alpha), A);
            double[] y = LinearAlgebra.scale(1 / alpha, LinearAlgebra.matVec(B, x));
            return LinearAlgebra.squaredNorm(y);""")
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(u(r, 0.5, 2), matrix(r, m, n, -1, 1), vector(r, n, -1, 1));
        }));
    // det(AB) = det A det B, and tr(C X⁻¹)
    cases.add(ArrayCase.of("detOfProduct", "double[][] A, double[][] B",
            "return LinearAlgebra.det(LinearAlgebra.matMul(A, B));")
        .random(POINTS, r -> {
          int n = size(r);
          return args(invertible(r, n), invertible(r, n));
        }));
    cases.add(ArrayCase.of("traceOfInverse", "double[][] C, double[][] X",
            "return LinearAlgebra.trace(LinearAlgebra.matMul(C, LinearAlgebra.inverse(X)));")
        .wrt("X")
        .closedForm(a -> {
          double[][] C = (double[][]) a[0];
          double[][] X = (double[][]) a[1];
          double[][] inv = transpose(inverseOf(X));
          double[][] g = times(inv, times(transpose(C), inv));
          for (double[] row : g) {
            for (int j = 0; j < row.length; j++) {
              row[j] = -row[j];
            }
          }
          return args((Object) g);
        })
        .random(POINTS, r -> {
          int n = size(r);
          return args(matrix(r, n, n, -1, 1), invertible(r, n));
        }));
    // a local array filled element by element (a bias coordinate), then a kernel
    cases.add(ArrayCase.of("biasThenKernel", "double[] x, double[][] W",
            """
            double[] xb = new double[x.length + 1];
            xb[0] = 1;
            for (int i = 0; i < x.length; i++) {
              xb[i + 1] = x[i];
            }
            double[] y = LinearAlgebra.sigmoid(LinearAlgebra.vecMat(xb, W));
            return LinearAlgebra.squaredNorm(y);""")
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(vector(r, m, -1, 1), matrix(r, m + 1, n, -1, 1));
        }));
    // a kernel result read element by element in scalar code: the entropy of softmax(x)
    cases.add(ArrayCase.of("softmaxEntropy", "double[] x",
            """
            double[] p = LinearAlgebra.softmax(x);
            double h = 0;
            for (int i = 0; i < p.length; i++) {
              h -= p[i] * Math.log(p[i]);
            }
            return h;""")
        .random(POINTS, r -> args((Object) vector(r, 1 + size(r), -2, 2))));
    // a @Differentiable method that calls kernels, called from another
    cases.add(ArrayCase.of("energy", "double[] x, double[][] A",
            "return 0.5 * LinearAlgebra.quadForm(x, A) + LinearAlgebra.logSumExp(x);")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), matrix(r, n, n, -1, 1));
        }));
    cases.add(ArrayCase.of("callsEnergy", "double[] x, double[][] A",
            """
            double e = energy(x, A);
            return e * LinearAlgebra.squaredNorm(x) + LinearAlgebra.trace(A) * e;""")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), matrix(r, n, n, -1, 1));
        }));
    return cases;
  }

  /** Kernels with scalar results inside loops (array results there are rejected). */
  static List<ArrayCase> loops() {
    List<ArrayCase> cases = new ArrayList<>();
    // logistic loss over the rows of X: a kernel on a row alias, in a loop
    cases.add(ArrayCase.of("rowDots", "double[][] X, double[] w",
            """
            double s = 0;
            for (int i = 0; i < X.length; i++) {
              s += Math.log(1 + Math.exp(-LinearAlgebra.dot(X[i], w)));
            }
            return s;""")
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(matrix(r, m, n, -1, 1), vector(r, n, -1, 1));
        }));
    // for-each over rows, the kernel's result used non-linearly
    cases.add(ArrayCase.of("forEachRow", "double[][] X, double[] w",
            """
            double s = 0;
            for (double[] row : X) {
              double z = LinearAlgebra.dot(row, w);
              s += z * z * z;
            }
            return s;""")
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(matrix(r, m, n, -1, 1), vector(r, n, -1, 1));
        }));
    // the same kernel call every iteration, with an int parameter as trip count
    cases.add(ArrayCase.of("repeatedQuadForm", "double[] x, double[][] A, int n",
            """
            double s = 0;
            for (int k = 0; k < n; k++) {
              s += LinearAlgebra.quadForm(x, A) / (k + 1);
            }
            return s;""")
        .random(POINTS, r -> {
          int d = size(r);
          return args(vector(r, d, -1, 1), matrix(r, d, d, -1, 1), 1 + r.nextInt(4));
        }));
    // a scalar overwritten each iteration from kernel results (recorded for the backward sweep)
    cases.add(ArrayCase.of("recurrence", "double[] w, double[][] A",
            """
            double acc = 1;
            for (int k = 0; k < 3; k++) {
              acc = Math.tanh(LinearAlgebra.dot(w, w) * acc + LinearAlgebra.quadForm(w, A));
            }
            return acc;""")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), matrix(r, n, n, -0.5, 0.5));
        }));
    // branches around kernel calls inside a loop
    cases.add(ArrayCase.of("branchyRows", "double[][] X, double[] w",
            """
            double s = 0;
            for (int i = 0; i < X.length; i++) {
              if (i % 2 == 0) {
                s += LinearAlgebra.norm2(X[i]) * LinearAlgebra.sum(w);
              } else {
                s -= LinearAlgebra.logSumExp(X[i]);
              }
            }
            return s;""")
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(matrix(r, m, n, 0.2, 1), vector(r, n, -1, 1));
        }));
    // nested loops, the same row possibly in both places (i == j)
    cases.add(ArrayCase.of("pairwiseBilinear", "double[][] X, double[][] A",
            """
            double s = 0;
            for (int i = 0; i < X.length; i++) {
              for (int j = 0; j < X.length; j++) {
                s += LinearAlgebra.bilinear(X[i], A, X[j]) / (1 + i + j);
              }
            }
            return s;""")
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(matrix(r, m, n, -1, 1), matrix(r, n, n, -1, 1));
        }));
    // a loop over a kernel's array result computed before the loop
    cases.add(ArrayCase.of("loopOverResult", "double[][] A, double[] x",
            """
            double[] y = LinearAlgebra.matVec(A, x);
            double s = 0;
            for (int i = 0; i < y.length; i++) {
              s += Math.sin(y[i]) * LinearAlgebra.dot(x, x);
            }
            return s;""")
        .random(POINTS, r -> {
          int m = size(r);
          int n = size(r);
          return args(matrix(r, m, n, -1, 1), vector(r, n, -1, 1));
        }));
    return cases;
  }

  /** How kernel calls meet the rest of the language: names, aliases, branches, activity. */
  static List<ArrayCase> surroundings() {
    List<ArrayCase> cases = new ArrayList<>();
    cases.add(ArrayCase.of("normSquared", "double[] v", "return LinearAlgebra.squaredNorm(v);")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1))));
    // a kernel's array result as the argument of a @Differentiable method
    cases.add(ArrayCase.of("resultIntoDifferentiable", "double[] x",
            """
            double[] y = LinearAlgebra.exp(x);
            return normSquared(y);""")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1))));
    // an array element as a kernel's scalar argument
    cases.add(ArrayCase.of("elementAsScalarArgument", "double[] x, double[] y",
            """
            double[] z = LinearAlgebra.scale(x[0], y);
            return LinearAlgebra.sum(LinearAlgebra.hadamard(z, y));""")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    // a row of a matrix parameter as a kernel argument, outside loops
    cases.add(ArrayCase.of("matrixRowArgument", "double[][] X",
            """
            double[] e = LinearAlgebra.exp(X[X.length - 1]);
            return LinearAlgebra.dot(e, X[0]);""")
        .random(POINTS, r -> args((Object) matrix(r, size(r), size(r), -1, 1))));
    // a kernel's result in a condition
    cases.add(ArrayCase.of("kernelInCondition", "double[] x",
            """
            if (LinearAlgebra.norm2(x) > 1) {
              return LinearAlgebra.sum(x) * LinearAlgebra.norm2(x);
            }
            return LinearAlgebra.squaredNorm(x);""")
        .random(POINTS, r -> args((Object) signedVector(r, size(r), 0.1, 1)),
            a -> Math.abs(norm((double[]) a[0]) - 1) > 0.05));
    cases.add(ArrayCase.of("varLocal", "double[] x",
            """
            var e = LinearAlgebra.exp(x);
            return LinearAlgebra.dot(e, x);""")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1))));
    cases.add(ArrayCase.of("fullyQualified", "double[] x",
            "return dev.adjoint.runtime.LinearAlgebra.logSumExp(x) * x[0];")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1))));
    cases.add(ArrayCase.of("ternaryOfKernels", "double[] x, boolean flag",
            "return flag ? LinearAlgebra.dot(x, x) : LinearAlgebra.logSumExp(x);")
        .random(POINTS, r -> args(vector(r, size(r), -1, 1), r.nextBoolean())));
    // a read-only alias of a kernel's result, and a row of a matrix result
    cases.add(ArrayCase.of("aliasOfResult", "double[] x",
            """
            double[] e = LinearAlgebra.tanh(x);
            double[] f = e;
            return LinearAlgebra.dot(f, e);""")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1))));
    cases.add(ArrayCase.of("rowOfMatrixResult", "double[] x, double[] y",
            """
            double[][] M = LinearAlgebra.outer(x, y);
            double[] row = M[0];
            return LinearAlgebra.dot(row, row) + M[M.length - 1][0];""")
        .random(POINTS, r -> args(vector(r, size(r), -1, 1), vector(r, size(r), -1, 1))));
    // a kernel on inactive data only, its result meeting active data later
    cases.add(ArrayCase.of("inactiveKernel", "double[] x, double[] c",
            """
            double[] c2 = LinearAlgebra.exp(c);
            return LinearAlgebra.dot(c2, x) * LinearAlgebra.sum(c2);""")
        .wrt("x")
        .random(POINTS, r -> {
          int n = size(r);
          return args(vector(r, n, -1, 1), vector(r, n, -1, 1));
        }));
    // a kernel result copied element by element into a local array, which is then written
    cases.add(ArrayCase.of("copyThenWrite", "double[] x",
            """
            double[] e = LinearAlgebra.exp(x);
            double[] copy = new double[e.length];
            for (int i = 0; i < e.length; i++) {
              copy[i] = e[i] * 2;
            }
            copy[0] = copy[0] * copy[0];
            return LinearAlgebra.dot(copy, x);""")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1))));
    // the same scalar parameter scaling twice, and a scalar argument reassigned after the call
    cases.add(ArrayCase.of("scaleTwice", "double alpha, double[] x",
            """
            double[] y = LinearAlgebra.scale(alpha, x);
            double[] z = LinearAlgebra.scale(alpha, y);
            return LinearAlgebra.sum(z) + alpha;""")
        .random(POINTS, r -> args(u(r, -2, 2), vector(r, size(r), -1, 1))));
    cases.add(ArrayCase.of("scalarArgumentReassigned", "double alpha, double[] x",
            """
            double b = alpha * 2;
            double[] y = LinearAlgebra.scale(b, x);
            b = b * b;
            double[] z = LinearAlgebra.scale(b, y);
            return LinearAlgebra.sum(z) + b;""")
        .random(POINTS, r -> args(u(r, -2, 2), vector(r, size(r), -1, 1))));
    // a kernel in a while loop left by break, the trip count depending on the data
    cases.add(ArrayCase.of("whileWithBreak", "double[] x",
            """
            double s = 0;
            int k = 0;
            while (k < 10) {
              s += LinearAlgebra.squaredNorm(x) + k;
              if (s > 8) {
                break;
              }
              k++;
            }
            return s;""")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1)),
            a -> awayFromBreak((double[]) a[0])));
    // kernels declared inside branches, and a branch on a kernel result's element
    cases.add(ArrayCase.of("kernelsInBranches", "double[] x",
            """
            double s = 0;
            if (x[0] > 0) {
              double[] e = LinearAlgebra.exp(x);
              s = LinearAlgebra.sum(e);
            } else {
              double[] t = LinearAlgebra.tanh(x);
              s = LinearAlgebra.dot(t, t);
            }
            return s;""")
        .random(POINTS + 1, r -> args((Object) signedVector(r, size(r), 0.1, 1))));
    cases.add(ArrayCase.of("earlyReturn", "double[] x",
            """
            double[] e = LinearAlgebra.exp(x);
            if (e[0] > 1) {
              return LinearAlgebra.sum(e);
            }
            double[] t = LinearAlgebra.scale(2, e);
            return LinearAlgebra.dot(t, x);""")
        .random(POINTS + 1, r -> args((Object) signedVector(r, size(r), 0.1, 1))));
    // for-each directly over a kernel call: over a vector result, over a matrix's rows
    cases.add(ArrayCase.of("forEachOverCall", "double[] x",
            """
            double s = 0;
            for (double v : LinearAlgebra.exp(x)) {
              s += v * v;
            }
            return s;""")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1))));
    cases.add(ArrayCase.of("forEachRowOfCall", "double[] x, double[] y",
            """
            double s = 0;
            for (double[] row : LinearAlgebra.outer(x, y)) {
              s += row[0] * row[row.length - 1];
            }
            return s;""")
        .random(POINTS, r -> args(vector(r, size(r), -1, 1), vector(r, size(r), -1, 1))));
    cases.add(ArrayCase.of("doWhile", "double[] x",
            """
            double s = 0;
            int k = 0;
            do {
              s += LinearAlgebra.logSumExp(x) * (k + 1);
              k++;
            } while (k < 3);
            return s;""")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1, 1))));
    cases.add(ArrayCase.of("returnInLoop", "double[] x",
            """
            double s = 0;
            for (int i = 0; i < 5; i++) {
              s += LinearAlgebra.dot(x, x);
              if (s > 3) {
                return s * LinearAlgebra.sum(x);
              }
            }
            return s;""")
        .random(POINTS, r -> args((Object) vector(r, size(r), -1.5, 1.5)),
            a -> awayFromThree((double[]) a[0])));
    // empty vectors and a 0×0 matrix: zero-size adjoints, the kernels' edge case
    cases.add(ArrayCase.of("emptyArrays", "double[] x, double[][] A",
            "return LinearAlgebra.dot(x, x) + LinearAlgebra.trace(A) + LinearAlgebra.sum(x) + 1;")
        .at(new double[0], new double[0][0])
        .at(new double[] {0.5}, new double[][] {{2}}));
    return cases;
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** {@code whileWithBreak}'s running sums stay clear of the threshold 8. */
  private static boolean awayFromBreak(double[] x) {
    double q = norm(x) * norm(x);
    double s = 0;
    for (int k = 0; k < 10; k++) {
      s += q + k;
      if (Math.abs(s - 8) < 0.05) {
        return false;
      }
      if (s > 8) {
        break;
      }
    }
    return true;
  }

  /** {@code returnInLoop}'s running sums {@code k‖x‖²} stay clear of the threshold 3. */
  private static boolean awayFromThree(double[] x) {
    double q = norm(x) * norm(x);
    for (int k = 1; k <= 5; k++) {
      if (Math.abs(k * q - 3) < 0.05) {
        return false;
      }
    }
    return true;
  }

  /** Every case above. */
  static List<ArrayCase> all() {
    List<ArrayCase> all = new ArrayList<>();
    all.addAll(singleKernels());
    all.addAll(aliasedArguments());
    all.addAll(chains());
    all.addAll(loops());
    all.addAll(surroundings());
    all.addAll(ArrayCopyCases.all());
    return all;
  }

  /** {@code A⁻¹} by Gauss–Jordan with partial pivoting, independent of the runtime. */
  static double[][] inverseOf(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n + i] = 1;
    }
    for (int col = 0; col < n; col++) {
      int p = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(m[row][col]) > Math.abs(m[p][col])) {
          p = row;
        }
      }
      double[] t = m[col];
      m[col] = m[p];
      m[p] = t;
      double pivot = m[col][col];
      for (int j = 0; j < 2 * n; j++) {
        m[col][j] /= pivot;
      }
      for (int row = 0; row < n; row++) {
        if (row != col) {
          double f = m[row][col];
          for (int j = 0; j < 2 * n; j++) {
            m[row][j] -= f * m[col][j];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], n, inv[i], 0, n);
    }
    return inv;
  }
}
