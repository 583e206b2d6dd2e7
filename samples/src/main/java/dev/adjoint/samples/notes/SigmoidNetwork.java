package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 6 of the notes ("Backpropagation в общем случае", задача 2): the network
 *
 * <pre>
 *   x → u = W⁽¹⁾ᵀx̃ → a = σ(u) → v = W⁽²⁾ᵀã → b = σ(v) → y = W⁽³⁾ᵀb̃ → L
 * </pre>
 *
 * <p>where a tilde prepends the bias neuron, {@code x̃ = (1, x₁, …, x_m)}, so that, in the notes'
 * indexing, {@code w⁽¹⁾_ij} connects {@code x_i} to {@code u_j} and row 0 holds the bias weights:
 * {@code u_j = Σ_{i=0}^m w⁽¹⁾_ij x_i}, {@code v_p = Σ_{t=0}^k w⁽²⁾_tp a_t}, {@code y_t = Σ_{p=0}^l
 * w⁽³⁾_pt b_p}. {@code W⁽¹⁾} is {@code (m+1) × k}, {@code W⁽²⁾} is {@code (k+1) × l}, {@code W⁽³⁾}
 * is {@code (l+1) × n}. The notes leave {@code L} open; here it is {@code L = ½‖y − t‖²}, so
 * {@code ∂L/∂y_t = y_t − t_t}. The notes' result:
 *
 * <pre>
 *   ∂L/∂w⁽³⁾_ij = ∂L/∂y_j · b_i
 *   ∂L/∂w⁽²⁾_ij = Σ_t ∂L/∂y_t · w⁽³⁾_jt · b_j(1 − b_j) · a_i
 *   ∂L/∂w⁽¹⁾_ij = Σ_r Σ_t ∂L/∂y_t · w⁽³⁾_rt · b_r(1 − b_r) · w⁽²⁾_jr · a_j(1 − a_j) · x_i
 * </pre>
 *
 * <p>(with {@code a_0 = b_0 = x_0 = 1}; the last line of the notes' summary prints {@code
 * w⁽²⁾_jt} where its derivation has {@code w⁽²⁾_jr}). {@link #backprop} types these three
 * formulas in by hand; the generated {@code dW1, dW2, dW3} must equal them.
 */
public final class SigmoidNetwork {

  private SigmoidNetwork() {}

  /** {@code L = ½‖y − t‖²} of the network's output {@code y} for input {@code x}. */
  @Differentiable(wrt = {"W1", "W2", "W3"})
  public static double loss(
      double[] x, double[][] W1, double[][] W2, double[][] W3, double[] target) {
    double[] x1 = new double[x.length + 1]; // x̃ = (1, x)
    x1[0] = 1;
    for (int i = 0; i < x.length; i++) {
      x1[i + 1] = x[i];
    }
    double[] u = LinearAlgebra.vecMat(x1, W1);
    double[] a = LinearAlgebra.sigmoid(u);

    double[] a1 = new double[a.length + 1]; // ã = (1, a)
    a1[0] = 1;
    for (int j = 0; j < a.length; j++) {
      a1[j + 1] = a[j];
    }
    double[] v = LinearAlgebra.vecMat(a1, W2);
    double[] b = LinearAlgebra.sigmoid(v);

    double[] b1 = new double[b.length + 1]; // b̃ = (1, b)
    b1[0] = 1;
    for (int p = 0; p < b.length; p++) {
      b1[p + 1] = b[p];
    }
    double[] y = LinearAlgebra.vecMat(b1, W3);

    double[] e = LinearAlgebra.sub(y, target);
    return 0.5 * LinearAlgebra.dot(e, e);
  }

  /**
   * The notes' three formulas, by hand: {@code {∂L/∂W⁽¹⁾, ∂L/∂W⁽²⁾, ∂L/∂W⁽³⁾}}. Indices as in the
   * notes: neuron 0 of each layer is the bias, {@code a[0] = b[0] = x[0] = 1}.
   */
  public static double[][][] backprop(
      double[] input, double[][] W1, double[][] W2, double[][] W3, double[] target) {
    int m = input.length;
    int k = W1[0].length;
    int l = W2[0].length;
    int n = W3[0].length;
    // forward pass, indices from 0 = the bias neuron
    double[] x = new double[m + 1];
    x[0] = 1;
    System.arraycopy(input, 0, x, 1, m);
    double[] a = new double[k + 1];
    a[0] = 1;
    for (int j = 1; j <= k; j++) {
      double u = 0;
      for (int i = 0; i <= m; i++) {
        u += W1[i][j - 1] * x[i];
      }
      a[j] = 1 / (1 + Math.exp(-u));
    }
    double[] b = new double[l + 1];
    b[0] = 1;
    for (int p = 1; p <= l; p++) {
      double v = 0;
      for (int t = 0; t <= k; t++) {
        v += W2[t][p - 1] * a[t];
      }
      b[p] = 1 / (1 + Math.exp(-v));
    }
    double[] dLdy = new double[n]; // ∂L/∂y_t = y_t − target_t
    for (int t = 0; t < n; t++) {
      double y = 0;
      for (int p = 0; p <= l; p++) {
        y += W3[p][t] * b[p];
      }
      dLdy[t] = y - target[t];
    }

    // ∂L/∂w⁽³⁾_ij = ∂L/∂y_j · b_i
    double[][] dW3 = new double[l + 1][n];
    for (int i = 0; i <= l; i++) {
      for (int j = 0; j < n; j++) {
        dW3[i][j] = dLdy[j] * b[i];
      }
    }
    // ∂L/∂w⁽²⁾_ij = Σ_t ∂L/∂y_t · w⁽³⁾_jt · b_j(1 − b_j) · a_i   (j = 1..l; column j − 1)
    double[][] dW2 = new double[k + 1][l];
    for (int i = 0; i <= k; i++) {
      for (int j = 1; j <= l; j++) {
        double s = 0;
        for (int t = 0; t < n; t++) {
          s += dLdy[t] * W3[j][t];
        }
        dW2[i][j - 1] = s * b[j] * (1 - b[j]) * a[i];
      }
    }
    // ∂L/∂w⁽¹⁾_ij = Σ_r Σ_t ∂L/∂y_t · w⁽³⁾_rt · b_r(1 − b_r) · w⁽²⁾_jr · a_j(1 − a_j) · x_i
    double[][] dW1 = new double[m + 1][k];
    for (int i = 0; i <= m; i++) {
      for (int j = 1; j <= k; j++) {
        double s = 0;
        for (int r = 1; r <= l; r++) {
          for (int t = 0; t < n; t++) {
            s += dLdy[t] * W3[r][t] * b[r] * (1 - b[r]) * W2[j][r - 1];
          }
        }
        dW1[i][j - 1] = s * a[j] * (1 - a[j]) * x[i];
      }
    }
    return new double[][][] {dW1, dW2, dW3};
  }

  /** The generated {@code dW1, dW2, dW3} against the notes' formulas at a fixed random point. */
  public static String run() {
    Random random = new Random(6);
    int m = 3;
    int k = 4;
    int l = 3;
    int n = 2;
    double[] x = NoteMath.vector(random, m);
    double[][] W1 = NoteMath.matrix(random, m + 1, k);
    double[][] W2 = NoteMath.matrix(random, k + 1, l);
    double[][] W3 = NoteMath.matrix(random, l + 1, n);
    double[] target = NoteMath.vector(random, n);
    var generated = SigmoidNetworkAdjoint.loss(x, W1, W2, W3, target);
    double[][][] expected = backprop(x, W1, W2, W3, target);
    double error =
        Math.max(
            NoteMath.maxAbsDiff(generated.dW1(), expected[0]),
            Math.max(
                NoteMath.maxAbsDiff(generated.dW2(), expected[1]),
                NoteMath.maxAbsDiff(generated.dW3(), expected[2])));
    return NoteMath.report("6.", "backprop dL/dW(1), dL/dW(2), dL/dW(3)",
        m + "-" + k + "-" + l + "-" + n + " + bias", error);
  }
}
