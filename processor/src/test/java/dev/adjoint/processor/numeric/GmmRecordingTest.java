package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.lang.reflect.Method;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the generated gmm objective (GradBench's, as a user writes it) records: the doubles its
 * forward sweep pushes per call at n = 1000, K = 5 and d = 2, 10, 20, counted by running the
 * generated source with every push routed through a counter. The rules of the recording
 * analyses took them from 54,059 / 434,439 / 1,360,364 to 39,034 / 159,074 / 309,124; split
 * reversal of {@code logsumexp} (its halves on the objective's stacks, its forward sweep run
 * once per call instead of twice) adds the two values that cross from its record half to its
 * reverse half, its final sum and last exponential, per call: 2 × 1,001 calls, and one for
 * {@code logWishartPrior}. Its gradient is checked against central differences, analyses on and
 * off.
 */
class GmmRecordingTest {
  private static final String PACKAGE = "adjtest.gmmrec";

  static final String GMM = """
      package adjtest.gmmrec;

      import dev.adjoint.Differentiable;

      public final class Gmm {
        @Differentiable
        static double logsumexp(double[] x) {
          double mx = x[0];
          for (int i = 1; i < x.length; i++) {
            mx = Math.max(mx, x[i]);
          }
          double semx = 0.0;
          for (int i = 0; i < x.length; i++) {
            semx = semx + Math.exp(x[i] - mx);
          }
          return Math.log(semx) + mx;
        }

        @Differentiable
        static double objective(double[] alpha, double[][] mu, double[][] q, double[][] l,
            double[][] x, double gamma, int m) {
          int n = x.length;
          int k = alpha.length;
          int d = x[0].length;
          double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
          double[][] qdiags = new double[k][d];
          double[] sumQs = new double[k];
          for (int ik = 0; ik < k; ik++) {
            for (int j = 0; j < d; j++) {
              qdiags[ik][j] = Math.exp(q[ik][j]);
              sumQs[ik] += q[ik][j];
            }
          }
          double[] xcentered = new double[d];
          double[] qx = new double[d];
          double slse = 0.0;
          for (int ix = 0; ix < n; ix++) {
            double[] mainTerm = new double[k];
            for (int ik = 0; ik < k; ik++) {
              for (int j = 0; j < d; j++) {
                xcentered[j] = x[ix][j] - mu[ik][j];
              }
              for (int j = 0; j < d; j++) {
                qx[j] = qdiags[ik][j] * xcentered[j];
              }
              int li = 0;
              for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                  qx[j] = qx[j] + l[ik][li] * xcentered[i];
                  li++;
                }
              }
              double sq = 0.0;
              for (int j = 0; j < d; j++) {
                sq += qx[j] * qx[j];
              }
              mainTerm[ik] = alpha[ik] + sumQs[ik] - 0.5 * sq;
            }
            slse += logsumexp(mainTerm);
          }
          double err = constant + slse - n * logsumexp(alpha);
          double out = 0.0;
          for (int ik = 0; ik < k; ik++) {
            double frob = 0.0;
            for (int j = 0; j < d; j++) {
              frob += qdiags[ik][j] * qdiags[ik][j];
            }
            for (int j = 0; j < l[ik].length; j++) {
              frob += l[ik][j] * l[ik][j];
            }
            out += 0.5 * gamma * gamma * frob - m * sumQs[ik];
          }
          return err - out;
        }
      }
      """;

  private static final String COUNTER = """
      package adjtest.gmmrec;

      public final class PushCount {
        public static long doubles;

        public static void pushDouble(dev.adjoint.runtime.Stacks s, double v) {
          doubles++;
          s.pushDouble(v);
        }
      }
      """;

  @Test
  void doublesPushedPerCall() throws Exception {
    // What the pullback records, with its loops in place (-Aadjoint.loopMethods=off) ...
    Class<?> whole = counted(InProcessCompiler.create().withOptions("-Aadjoint.loopMethods=off"));
    // ... and split as by default, where a loop nest's method hands back the values it
    // produces on the stacks: a few per call of the nest, not per iteration.
    Class<?> split = counted(InProcessCompiler.create());
    long[] reached = {41_036, 161_076, 311_126};
    int[] ds = {2, 10, 20};
    for (int c = 0; c < ds.length; c++) {
      long pushed = pushes(whole, 1000, 5, ds[c]);
      assertTrue(pushed <= reached[c], "d = " + ds[c] + ": " + pushed + " doubles pushed");
      long handedBack = pushes(split, 1000, 5, ds[c]) - pushed;
      assertTrue(handedBack >= 0 && handedBack <= 16,
          "d = " + ds[c] + ": the split pullback pushed " + handedBack + " doubles more");
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() throws Exception {
    for (String option : new String[] {"-Aadjoint.analyses=on", "-Aadjoint.analyses=off"}) {
      Class<?> adjoint = counted(InProcessCompiler.create().withOptions(option));
      Class<?> primal = adjoint.getClassLoader().loadClass(PACKAGE + ".Gmm");
      Method objective = primal.getDeclaredMethod("objective", double[].class,
          double[][].class, double[][].class, double[][].class, double[][].class, double.class,
          int.class);
      objective.setAccessible(true);
      Random r = new Random(5);
      int n = 4;
      int k = 3;
      for (int d : new int[] {1, 2, 4}) {
        Object[] in = inputs(r, n, k, d);
        Object[] bars = bars(n, k, d);
        double gammaBar = pullback(adjoint, in, bars);
        double gamma = (Double) in[5];
        double h = 1e-5;
        in[5] = gamma + h;
        double up = (Double) objective.invoke(null, in);
        in[5] = gamma - h;
        double down = (Double) objective.invoke(null, in);
        in[5] = gamma;
        assertEquals((up - down) / (2 * h), gammaBar, 1e-6 * Math.max(1, Math.abs(up)), "gamma");
        checkArray(objective, in, 0, (double[]) bars[0], option);
        for (int p = 1; p <= 4; p++) {
          double[][] m = (double[][]) in[p];
          double[][] bar = (double[][]) bars[p];
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              double fd = difference(objective, in, m[i], j);
              assertEquals(fd, bar[i][j], 1e-6 * Math.max(1, Math.abs(fd)),
                  option + " d = " + d + " argument " + p + "[" + i + "][" + j + "]");
            }
          }
        }
      }
    }
  }

  private static void checkArray(Method objective, Object[] in, int p, double[] bar,
      String option) throws Exception {
    double[] a = (double[]) in[p];
    for (int j = 0; j < a.length; j++) {
      double fd = difference(objective, in, a, j);
      assertEquals(fd, bar[j], 1e-6 * Math.max(1, Math.abs(fd)), option + " alpha[" + j + "]");
    }
  }

  private static double difference(Method objective, Object[] in, double[] a, int j)
      throws Exception {
    double h = 1e-5 * Math.max(1, Math.abs(a[j]));
    double keep = a[j];
    a[j] = keep + h;
    double up = (Double) objective.invoke(null, in);
    a[j] = keep - h;
    double down = (Double) objective.invoke(null, in);
    a[j] = keep;
    return (up - down) / (2 * h);
  }

  /** The generated adjoint, compiled again with its pushes of doubles counted. */
  private static Class<?> counted(InProcessCompiler compiler) {
    Compiled first = compiler.compile(JavaSource.of(PACKAGE + ".Gmm", GMM));
    String generated = first.generatedSource(PACKAGE + ".GmmAdjoint");
    assertTrue(generated.contains("stacks.pushDouble("), "the pullback records doubles");
    String rewritten = generated.replace("stacks.pushDouble(", "PushCount.pushDouble(stacks, ");
    Compiled second = InProcessCompiler.create().withOptions("-proc:none").compile(
        JavaSource.of(PACKAGE + ".Gmm", GMM), JavaSource.of(PACKAGE + ".PushCount", COUNTER),
        JavaSource.of(PACKAGE + ".GmmAdjoint", rewritten));
    return second.loadClass(PACKAGE + ".GmmAdjoint");
  }

  private static long pushes(Class<?> adjoint, int n, int k, int d) throws Exception {
    Object[] in = inputs(new Random(1), n, k, d);
    Class<?> counter = adjoint.getClassLoader().loadClass(PACKAGE + ".PushCount");
    counter.getField("doubles").setLong(null, 0);
    pullback(adjoint, in, bars(n, k, d));
    return counter.getField("doubles").getLong(null);
  }

  /** Runs the pullback with seed 1, adding into {@code bars}; returns gamma's adjoint. */
  private static double pullback(Class<?> adjoint, Object[] in, Object[] bars)
      throws Exception {
    Method pullback = null;
    for (Method m : adjoint.getMethods()) {
      if (m.getName().equals("objectivePullback") && m.getParameterCount() == 15) {
        pullback = m;
      }
    }
    Object[] args = new Object[15];
    System.arraycopy(in, 0, args, 0, 7);
    args[7] = 1.0;
    args[8] = new double[1];
    System.arraycopy(bars, 0, args, 9, 5);
    args[14] = new dev.adjoint.runtime.Stacks();
    pullback.invoke(null, args);
    return ((double[]) args[8])[0];
  }

  private static Object[] inputs(Random r, int n, int k, int d) {
    return new Object[] {vector(r, k), matrix(r, k, d), matrix(r, k, d),
        matrix(r, k, d * (d - 1) / 2), matrix(r, n, d), 0.7, 2};
  }

  private static Object[] bars(int n, int k, int d) {
    return new Object[] {new double[k], new double[k][d], new double[k][d],
        new double[k][d * (d - 1) / 2], new double[n][d]};
  }

  private static double[] vector(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian() * 0.5;
    }
    return v;
  }

  private static double[][] matrix(Random r, int m, int n) {
    double[][] v = new double[m][];
    for (int i = 0; i < m; i++) {
      v[i] = vector(r, n);
    }
    return v;
  }
}
