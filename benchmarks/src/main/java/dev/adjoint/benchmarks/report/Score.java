package dev.adjoint.benchmarks.report;

/** A JMH score with its error (the half-width JMH reports at 99.9 %), and a ratio of two. */
record Score(double value, double error) {

  /** {@code this ÷ other}, its error from the two relative errors in quadrature. */
  Score over(Score other) {
    double r = value / other.value;
    double rel = Math.hypot(relative(), other.relative());
    return new Score(r, Math.abs(r) * rel);
  }

  private double relative() {
    return Double.isFinite(error) && value != 0 ? error / Math.abs(value) : 0;
  }

  /** {@code 2.31 ± 0.12}; the error is left out where JMH gave none (one fork, few runs). */
  String ratio() {
    String digits = Math.abs(value) < 10 ? "%.2f" : "%.1f"; // the error to the value's digits
    String v = String.format(java.util.Locale.ROOT, digits, value);
    return Double.isFinite(error) && error > 0
        ? v + " ± " + String.format(java.util.Locale.ROOT, digits, error)
        : v;
  }
}
