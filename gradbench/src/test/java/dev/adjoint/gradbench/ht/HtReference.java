package dev.adjoint.gradbench.ht;

import dev.adjoint.gradbench.lstm.Dual;

/**
 * Hand-written reference for {@code ht}, structured as ADBench's C++ is (pose parameters as a
 * 3 × (bones + 3) matrix, posed relatives, absolutes, the whole mesh skinned, then the global
 * transform) in {@link Dual} arithmetic: one sweep per input gives one Jacobian column.
 */
final class HtReference {
  private HtReference() {
  }

  /** The errors (values) with input {@code seeded} seeded: 0–25 theta, 26 + 2i + k us[i][k]. */
  static Dual[] errors(HtModule.Problem p, int seeded) {
    Dual[] theta = new Dual[Ht.THETA];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = Dual.variable(p.theta()[i], seeded == i);
    }
    Ht.Model m = p.model();
    int bones = m.parents().length;
    Dual[][] pose = new Dual[3][bones + 3];
    for (Dual[] row : pose) {
      java.util.Arrays.fill(row, Dual.constant(0));
    }
    for (int r = 0; r < 3; r++) {
      pose[r][0] = theta[r];
      pose[r][1] = Dual.constant(1);
      pose[r][2] = theta[3 + r];
    }
    int t = 6;
    int col = 5;
    for (int finger = 0; finger < 5; finger++) {
      for (int j = 2; j <= 4; j++) {
        pose[0][col] = theta[t++];
        if (j == 2) {
          pose[1][col] = theta[t++];
        }
        col++;
      }
      col++;
    }
    Dual[][][] absolutes = new Dual[bones][][];
    Dual[][][] transforms = new Dual[bones][][];
    for (int b = 0; b < bones; b++) {
      Dual[][] tr = identity(4);
      Dual[][] r = euler(pose[0][b + 3], pose[2][b + 3], pose[1][b + 3]);
      for (int i = 0; i < 3; i++) {
        System.arraycopy(r[i], 0, tr[i], 0, 3);
      }
      Dual[][] relative = mul(constant(m.baseRelatives()[b]), tr);
      absolutes[b] = m.parents()[b] == -1 ? relative : mul(absolutes[m.parents()[b]], relative);
      transforms[b] = mul(absolutes[b], constant(m.inverseBaseAbsolutes()[b]));
    }
    int nv = m.basePositions().length;
    Dual[][] positions = new Dual[3][nv];
    for (int v = 0; v < nv; v++) {
      for (int r = 0; r < 3; r++) {
        Dual s = Dual.constant(0);
        for (int b = 0; b < bones; b++) {
          Dual dot = Dual.constant(0);
          for (int c = 0; c < 4; c++) {
            dot = dot.plus(transforms[b][r][c].times(m.basePositions()[v][c]));
          }
          s = s.plus(dot.times(m.weights()[v][b]));
        }
        positions[r][v] = s;
      }
      if (m.mirrored()) {
        positions[0][v] = positions[0][v].negate();
      }
    }
    Dual[][] rot = angleAxis(pose[0][0], pose[1][0], pose[2][0]);
    Dual[][] posed = new Dual[3][nv];
    for (int v = 0; v < nv; v++) {
      for (int r = 0; r < 3; r++) {
        Dual s = pose[r][2];
        for (int c = 0; c < 3; c++) {
          s = s.plus(rot[r][c].times(pose[c][1]).times(positions[c][v]));
        }
        posed[r][v] = s;
      }
    }
    HtModule.Correspondence[] cs = p.correspondences();
    Dual[] err = new Dual[3 * cs.length];
    for (int i = 0; i < cs.length; i++) {
      Dual u0 = Dual.variable(cs[i].u()[0], seeded == Ht.THETA + 2 * i);
      Dual u1 = Dual.variable(cs[i].u()[1], seeded == Ht.THETA + 2 * i + 1);
      Dual u2 = u0.plus(u1).negate().plus(1);
      int[] vs = cs[i].verts();
      for (int r = 0; r < 3; r++) {
        Dual point = u0.times(posed[r][vs[0]]).plus(u1.times(posed[r][vs[1]]))
            .plus(u2.times(posed[r][vs[2]]));
        err[3 * i + r] = Dual.constant(cs[i].observed()[r]).minus(point);
      }
    }
    return err;
  }

  /** The Jacobian in the eval's layout (u columns first in the complicated variant). */
  static double[][] jacobian(HtModule.Problem p) {
    int n = p.correspondences().length;
    int offset = p.complicated() ? 2 : 0;
    double[][] j = new double[3 * n][offset + Ht.THETA];
    for (int k = 0; k < Ht.THETA; k++) {
      Dual[] e = errors(p, k);
      for (int r = 0; r < 3 * n; r++) {
        j[r][offset + k] = e[r].d();
      }
    }
    if (p.complicated()) {
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < 2; k++) {
          Dual[] e = errors(p, Ht.THETA + 2 * i + k);
          for (int r = 0; r < 3; r++) {
            j[3 * i + r][k] = e[3 * i + r].d();
          }
        }
      }
    }
    return j;
  }

  private static Dual[][] euler(Dual tx, Dual ty, Dual tz) {
    Dual[][] rx = identity(3);
    rx[1][1] = tx.cos();
    rx[2][1] = tx.sin();
    rx[1][2] = rx[2][1].negate();
    rx[2][2] = rx[1][1];
    Dual[][] ry = identity(3);
    ry[0][0] = ty.cos();
    ry[0][2] = ty.sin();
    ry[2][0] = ry[0][2].negate();
    ry[2][2] = ry[0][0];
    Dual[][] rz = identity(3);
    rz[0][0] = tz.cos();
    rz[1][0] = tz.sin();
    rz[0][1] = rz[1][0].negate();
    rz[1][1] = rz[0][0];
    return mul(mul(rz, ry), rx);
  }

  private static Dual[][] angleAxis(Dual x, Dual y, Dual z) {
    Dual norm = x.times(x).plus(y.times(y)).plus(z.times(z)).sqrt();
    if (norm.v() < 1e-4) {
      return identity(3);
    }
    Dual a = x.div(norm);
    Dual b = y.div(norm);
    Dual d = z.div(norm);
    Dual s = norm.sin();
    Dual c = norm.cos();
    Dual one = Dual.constant(1);
    Dual omc = one.minus(c);
    return new Dual[][] {
      {a.times(a).plus(one.minus(a.times(a)).times(c)), a.times(b).times(omc).minus(d.times(s)),
        a.times(d).times(omc).plus(b.times(s))},
      {a.times(b).times(omc).plus(d.times(s)), b.times(b).plus(one.minus(b.times(b)).times(c)),
        b.times(d).times(omc).minus(a.times(s))},
      {a.times(d).times(omc).minus(b.times(s)), d.times(b).times(omc).plus(a.times(s)),
        d.times(d).plus(one.minus(d.times(d)).times(c))}};
  }

  private static Dual[][] identity(int n) {
    Dual[][] m = new Dual[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = Dual.constant(i == j ? 1 : 0);
      }
    }
    return m;
  }

  private static Dual[][] constant(double[] rowMajor4) {
    Dual[][] m = new Dual[4][4];
    for (int i = 0; i < 16; i++) {
      m[i / 4][i % 4] = Dual.constant(rowMajor4[i]);
    }
    return m;
  }

  private static Dual[][] mul(Dual[][] a, Dual[][] b) {
    Dual[][] c = new Dual[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b[0].length; j++) {
        Dual s = Dual.constant(0);
        for (int k = 0; k < b.length; k++) {
          s = s.plus(a[i][k].times(b[k][j]));
        }
        c[i][j] = s;
      }
    }
    return c;
  }
}
