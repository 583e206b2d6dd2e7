package dev.adjoint.benchmarks.gradbench;

import java.util.Map;
import net.finmath.montecarlo.automaticdifferentiation.backward.RandomVariableDifferentiableAAD;
import net.finmath.stochastic.RandomVariable;

/**
 * GradBench's gmm objective through finmath-lib's adjoint AD (operator overloading with a
 * tape of {@code RandomVariableDifferentiableAAD} nodes, each a one-path random variable here):
 * what a Java user can pick today instead of generated source. The log-sum-exp shifts by a
 * constant maximum, which leaves the gradient unchanged.
 */
public final class GmmFinmath {
  private GmmFinmath() {
  }

  /** Returns the objective and writes its gradient into the {@code Bar} arrays. */
  public static double gradient(double[] alpha, double[][] mu, double[][] q, double[][] l,
      double[][] x, double gamma, int m, double[] alphaBar, double[][] muBar, double[][] qBar,
      double[][] lBar) {
    int n = x.length;
    int k = alpha.length;
    int d = x[0].length;
    RandomVariableDifferentiableAAD[] a = leaves(alpha);
    RandomVariableDifferentiableAAD[][] mus = new RandomVariableDifferentiableAAD[k][];
    RandomVariableDifferentiableAAD[][] qs = new RandomVariableDifferentiableAAD[k][];
    RandomVariableDifferentiableAAD[][] ls = new RandomVariableDifferentiableAAD[k][];
    RandomVariable[][] qdiags = new RandomVariable[k][d];
    RandomVariable[] sumQs = new RandomVariable[k];
    for (int ik = 0; ik < k; ik++) {
      mus[ik] = leaves(mu[ik]);
      qs[ik] = leaves(q[ik]);
      ls[ik] = leaves(l[ik]);
      RandomVariable sum = qs[ik][0];
      for (int j = 0; j < d; j++) {
        qdiags[ik][j] = qs[ik][j].exp();
        if (j > 0) {
          sum = sum.add(qs[ik][j]);
        }
      }
      sumQs[ik] = sum;
    }
    RandomVariable slse = null;
    RandomVariable[] main = new RandomVariable[k];
    RandomVariable[] xc = new RandomVariable[d];
    RandomVariable[] qx = new RandomVariable[d];
    for (int ix = 0; ix < n; ix++) {
      for (int ik = 0; ik < k; ik++) {
        for (int j = 0; j < d; j++) {
          xc[j] = mus[ik][j].mult(-1.0).add(x[ix][j]);
          qx[j] = qdiags[ik][j].mult(xc[j]);
        }
        int li = 0;
        for (int i = 0; i < d; i++) {
          for (int j = i + 1; j < d; j++) {
            qx[j] = qx[j].add(ls[ik][li++].mult(xc[i]));
          }
        }
        RandomVariable sq = qx[0].squared();
        for (int j = 1; j < d; j++) {
          sq = sq.add(qx[j].squared());
        }
        main[ik] = a[ik].add(sumQs[ik]).sub(sq.mult(0.5));
      }
      RandomVariable lse = logSumExp(main);
      slse = slse == null ? lse : slse.add(lse);
    }
    RandomVariable out = null;
    for (int ik = 0; ik < k; ik++) {
      RandomVariable frob = qdiags[ik][0].squared();
      for (int j = 1; j < d; j++) {
        frob = frob.add(qdiags[ik][j].squared());
      }
      for (RandomVariable lj : ls[ik]) {
        frob = frob.add(lj.squared());
      }
      RandomVariable term = frob.mult(0.5 * gamma * gamma).sub(sumQs[ik].mult(m));
      out = out == null ? term : out.add(term);
    }
    RandomVariable value = slse.sub(logSumExp(a).mult(n)).sub(out)
        .add(GmmHandWritten.constants(n, d, k, m, gamma));
    Map<Long, RandomVariable> gradient = ((RandomVariableDifferentiableAAD) value).getGradient();
    read(gradient, a, alphaBar);
    for (int ik = 0; ik < k; ik++) {
      read(gradient, mus[ik], muBar[ik]);
      read(gradient, qs[ik], qBar[ik]);
      read(gradient, ls[ik], lBar[ik]);
    }
    return value.doubleValue();
  }

  private static RandomVariable logSumExp(RandomVariable[] v) {
    double shift = Double.NEGATIVE_INFINITY;
    for (RandomVariable e : v) {
      shift = Math.max(shift, e.doubleValue());
    }
    RandomVariable sum = v[0].sub(shift).exp();
    for (int i = 1; i < v.length; i++) {
      sum = sum.add(v[i].sub(shift).exp());
    }
    return sum.log().add(shift);
  }

  private static RandomVariableDifferentiableAAD[] leaves(double[] values) {
    RandomVariableDifferentiableAAD[] out = new RandomVariableDifferentiableAAD[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = new RandomVariableDifferentiableAAD(values[i]);
    }
    return out;
  }

  private static void read(Map<Long, RandomVariable> gradient,
      RandomVariableDifferentiableAAD[] leaves, double[] into) {
    for (int i = 0; i < leaves.length; i++) {
      RandomVariable g = gradient.get(leaves[i].getID());
      into[i] = g == null ? 0.0 : g.doubleValue();
    }
  }
}
