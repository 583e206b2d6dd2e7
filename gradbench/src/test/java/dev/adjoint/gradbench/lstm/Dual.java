package dev.adjoint.gradbench.lstm;

/**
 * A dual number {@code v + d·ε}: the hand-written forward mode the references in test scope
 * use, independent of the processor. Each rule is the textbook derivative.
 */
public record Dual(double v, double d) {
  public static Dual constant(double v) {
    return new Dual(v, 0);
  }

  public static Dual variable(double v, boolean seeded) {
    return new Dual(v, seeded ? 1 : 0);
  }

  public Dual plus(Dual o) {
    return new Dual(v + o.v, d + o.d);
  }

  public Dual plus(double c) {
    return new Dual(v + c, d);
  }

  public Dual minus(Dual o) {
    return new Dual(v - o.v, d - o.d);
  }

  public Dual times(Dual o) {
    return new Dual(v * o.v, d * o.v + v * o.d);
  }

  public Dual times(double c) {
    return new Dual(v * c, d * c);
  }

  public Dual div(Dual o) {
    return new Dual(v / o.v, (d * o.v - v * o.d) / (o.v * o.v));
  }

  public Dual negate() {
    return new Dual(-v, -d);
  }

  public Dual exp() {
    double e = Math.exp(v);
    return new Dual(e, d * e);
  }

  public Dual log() {
    return new Dual(Math.log(v), d / v);
  }

  public Dual tanh() {
    double t = Math.tanh(v);
    return new Dual(t, d * (1 - t * t));
  }

  public Dual sigmoid() {
    double s = 1 / (1 + Math.exp(-v));
    return new Dual(s, d * s * (1 - s));
  }

  public Dual sqrt() {
    double r = Math.sqrt(v);
    return new Dual(r, d / (2 * r));
  }

  public Dual sin() {
    return new Dual(Math.sin(v), d * Math.cos(v));
  }

  public Dual cos() {
    return new Dual(Math.cos(v), -d * Math.sin(v));
  }
}
