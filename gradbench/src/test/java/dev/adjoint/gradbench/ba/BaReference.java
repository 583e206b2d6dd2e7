package dev.adjoint.gradbench.ba;

import dev.adjoint.gradbench.lstm.Dual;

/**
 * Hand-written reference for {@code ba}: ADBench's projection in {@link Dual} arithmetic; one
 * sweep per input (11 camera parameters, 3 point coordinates, the weight) gives a column of the
 * 2 × 15 block of one observation.
 */
final class BaReference {
  private BaReference() {
  }

  /** {@code block[r][k]}: ∂ error r / ∂ input k, inputs ordered camera, point, weight. */
  static double[][] block(double[] cam, double[] x, double w, double[] feat) {
    double[][] block = new double[2][15];
    for (int k = 0; k < 15; k++) {
      Dual[] e = error(cam, x, w, feat, k);
      block[0][k] = e[0].d();
      block[1][k] = e[1].d();
    }
    return block;
  }

  static Dual[] error(double[] cam, double[] x, double w, double[] feat, int seeded) {
    Dual[] c = new Dual[11];
    for (int i = 0; i < 11; i++) {
      c[i] = Dual.variable(cam[i], seeded == i);
    }
    Dual[] p = new Dual[3];
    for (int i = 0; i < 3; i++) {
      p[i] = Dual.variable(x[i], seeded == 11 + i).minus(c[3 + i]);
    }
    Dual weight = Dual.variable(w, seeded == 14);
    Dual[] r = rotate(c, p);
    Dual u = r[0].div(r[2]);
    Dual v = r[1].div(r[2]);
    Dual rsq = u.times(u).plus(v.times(v));
    Dual distortion = c[9].times(rsq).plus(c[10].times(rsq).times(rsq)).plus(1);
    Dual pu = u.times(distortion).times(c[6]).plus(c[7]);
    Dual pv = v.times(distortion).times(c[6]).plus(c[8]);
    return new Dual[] {weight.times(pu.plus(-feat[0])), weight.times(pv.plus(-feat[1]))};
  }

  /** Rodrigues: p cos θ + (k × p) sin θ + k (k·p)(1 − cos θ), with k the unit axis. */
  private static Dual[] rotate(Dual[] c, Dual[] p) {
    Dual sq = c[0].times(c[0]).plus(c[1].times(c[1])).plus(c[2].times(c[2]));
    if (sq.v() == 0) {
      return new Dual[] {
        p[0].plus(c[1].times(p[2])).minus(c[2].times(p[1])),
        p[1].plus(c[2].times(p[0])).minus(c[0].times(p[2])),
        p[2].plus(c[0].times(p[1])).minus(c[1].times(p[0]))};
    }
    Dual theta = sq.sqrt();
    Dual[] k = {c[0].div(theta), c[1].div(theta), c[2].div(theta)};
    Dual cos = theta.cos();
    Dual sin = theta.sin();
    Dual dot = k[0].times(p[0]).plus(k[1].times(p[1])).plus(k[2].times(p[2]));
    Dual along = dot.times(cos.negate().plus(1));
    Dual[] cross = {
      k[1].times(p[2]).minus(k[2].times(p[1])),
      k[2].times(p[0]).minus(k[0].times(p[2])),
      k[0].times(p[1]).minus(k[1].times(p[0]))};
    Dual[] r = new Dual[3];
    for (int i = 0; i < 3; i++) {
      r[i] = p[i].times(cos).plus(cross[i].times(sin)).plus(k[i].times(along));
    }
    return r;
  }
}
