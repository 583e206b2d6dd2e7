package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The {@code check} overloads: vectors, matrices, several arrays and a record's storage. */
class GradientCheckOverloadsTest {

  /** tr(AᵀA)/2 + a₀₁·a₁₀: gradient A + the swapped off-diagonal pair. */
  private static double matrixFunction(double[][] a) {
    double s = 0;
    for (double[] row : a) {
      for (double v : row) {
        s += 0.5 * v * v;
      }
    }
    return s + a[0][1] * a[1][0];
  }

  private static double[][] matrixGradient(double[][] a) {
    double[][] g = RecordStorage.copyOf(a);
    g[0][1] += a[1][0];
    g[1][0] += a[0][1];
    return g;
  }

  @Test
  void vectorReportNamesTheWorstElement() {
    double[] x = {0.5, -1.25, 2.0};
    double[] gradient = {2 * x[0], 3 * x[1] * x[1], Math.cos(x[2])};
    GradientReport ok = GradientCheck.check(
        v -> v[0] * v[0] + v[1] * v[1] * v[1] + Math.sin(v[2]), x, gradient);
    assertTrue(ok.within(1e-7), ok.toString());

    gradient[1] = -gradient[1];
    GradientReport wrong = GradientCheck.check(
        v -> v[0] * v[0] + v[1] * v[1] * v[1] + Math.sin(v[2]), x, gradient);
    assertEquals("[1]", wrong.worst());
    assertEquals(2.0, wrong.maxRelativeError(), 1e-6);
    assertEquals(-4.6875, wrong.gradient(), 0);
    assertEquals(4.6875, wrong.estimate(), 1e-6);
    assertTrue(wrong.toString().startsWith("max relative error 2.00 at [1]: gradient -4.6875"),
        wrong.toString());
  }

  @Test
  void matrixReportNamesRowAndColumn() {
    double[][] a = {{0.3, -0.8, 1.5}, {2.0, 0.1, -0.4}};
    double[][] copy = RecordStorage.copyOf(a);
    double[][] gradient = matrixGradient(a);
    assertTrue(GradientCheck.check(GradientCheckOverloadsTest::matrixFunction, a, gradient)
        .within(1e-7));
    gradient[1][0] = a[1][0]; // the cross term's contribution left out
    GradientReport r = GradientCheck.check(GradientCheckOverloadsTest::matrixFunction, a,
        gradient);
    assertEquals("[1][0]", r.worst());
    assertEquals(0.8 / 2.0, r.maxRelativeError(), 1e-6);
    assertArrayEquals(copy[0], a[0], 0);
    assertArrayEquals(copy[1], a[1], 0);
  }

  /** Two arrays of different lengths, f(w, b) = Σ w_i² b_0 + b_1, checked as the rows. */
  @Test
  void severalArraysAreTheRows() {
    double[] w = {1.5, -0.5, 0.25};
    double[] b = {2.0, -3.0};
    double sumSquares = 1.5 * 1.5 + 0.25 + 0.0625;
    double[] wBar = {2 * w[0] * b[0], 2 * w[1] * b[0], 2 * w[2] * b[0]};
    double[] bBar = {sumSquares, 1};
    GradientReport r = GradientCheck.check(
        a -> (a[0][0] * a[0][0] + a[0][1] * a[0][1] + a[0][2] * a[0][2]) * a[1][0] + a[1][1],
        new double[][] {w, b}, new double[][] {wBar, bBar});
    assertTrue(r.within(1e-7), r.toString());
    bBar[0] = 0;
    r = GradientCheck.check(
        a -> (a[0][0] * a[0][0] + a[0][1] * a[0][1] + a[0][2] * a[0][2]) * a[1][0] + a[1][1],
        new double[][] {w, b}, new double[][] {wBar, bBar});
    assertEquals("[1][0]", r.worst());
  }

  @Test
  void shapesMustAgree() {
    assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(
        a -> a[0][0], new double[][] {{1, 2}}, new double[][] {{1}}));
    assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(
        v -> v[0], new double[] {1, 2}, new double[] {1}));
  }

  /** Shaped as Adjoint generates a record's storage: public fields, size, writeTo, readFrom. */
  static final class LayerBar {
    public final double[][] w;
    public final double[] b;

    LayerBar(double[][] w, double[] b) {
      this.w = w;
      this.b = b;
    }

    public int size() {
      return RecordStorage.size(w) + b.length;
    }

    public int writeTo(double[] flat, int offset) {
      return RecordStorage.writeTo(b, flat, RecordStorage.writeTo(w, flat, offset));
    }

    public int readFrom(double[] flat, int offset) {
      return RecordStorage.readFrom(b, flat, RecordStorage.readFrom(w, flat, offset));
    }
  }

  static final class NetBar {
    public final LayerBar hidden;
    public double bias;

    NetBar(LayerBar hidden, double bias) {
      this.hidden = hidden;
      this.bias = bias;
    }

    public int size() {
      return hidden.size() + 1;
    }

    public int writeTo(double[] flat, int offset) {
      offset = hidden.writeTo(flat, offset);
      flat[offset] = bias;
      return offset + 1;
    }

    public int readFrom(double[] flat, int offset) {
      offset = hidden.readFrom(flat, offset);
      bias = flat[offset];
      return offset + 1;
    }
  }

  /** f = Σ_ij w_ij · b_i · bias. */
  private static double net(NetBar p) {
    double s = 0;
    for (int i = 0; i < p.hidden.w.length; i++) {
      for (double v : p.hidden.w[i]) {
        s += v * p.hidden.b[i];
      }
    }
    return s * p.bias;
  }

  private static NetBar netGradient(NetBar p) {
    double[][] w = RecordStorage.zerosLike(p.hidden.w);
    double[] b = new double[p.hidden.b.length];
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      for (int j = 0; j < w[i].length; j++) {
        w[i][j] = p.hidden.b[i] * p.bias;
        b[i] += p.hidden.w[i][j] * p.bias;
        s += p.hidden.w[i][j] * p.hidden.b[i];
      }
    }
    return new NetBar(new LayerBar(w, b), s);
  }

  @Test
  void recordStorageReportNamesTheComponent() {
    NetBar p = new NetBar(new LayerBar(new double[][] {{0.5, -1}, {2, 0.25}},
        new double[] {1.5, -0.75}), 0.8);
    double[] before = new double[p.size()];
    p.writeTo(before, 0);
    NetBar g = netGradient(p);
    GradientReport ok = GradientCheck.check(GradientCheckOverloadsTest::net, p, g,
        NetBar::size, NetBar::writeTo, NetBar::readFrom);
    assertTrue(ok.within(1e-7), ok.toString());

    g.hidden.w[1][0] = -g.hidden.w[1][0];
    GradientReport wrong = GradientCheck.check(GradientCheckOverloadsTest::net, p, g,
        NetBar::size, NetBar::writeTo, NetBar::readFrom);
    assertEquals("hidden.w[1][0]", wrong.worst());

    g = netGradient(p);
    g.bias = 0;
    assertEquals("bias", GradientCheck.check(GradientCheckOverloadsTest::net, p, g,
        NetBar::size, NetBar::writeTo, NetBar::readFrom).worst());

    double[] after = new double[p.size()];
    p.writeTo(after, 0);
    assertArrayEquals(before, after, 0);
  }

  @Test
  void nanIsTheWorst() {
    GradientReport r = GradientCheck.check(v -> v[0] + v[1], new double[] {1, 2},
        new double[] {Double.NaN, 5});
    assertEquals("[0]", r.worst());
    assertTrue(Double.isNaN(r.maxRelativeError()));
  }
}
