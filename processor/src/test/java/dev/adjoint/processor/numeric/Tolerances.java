package dev.adjoint.processor.numeric;

/** Relative tolerances, all in the sense of {@link FiniteDifferences#relativeError}. */
public final class Tolerances {

  /** Generated value vs. javac's compilation of the same expression. */
  public static final double VALUE = 1e-13;

  /** Against the DerivativeStructure oracle: different but exact formulas, rounding only. */
  public static final double ORACLE = 1e-9;

  /** Against Richardson-extrapolated central differences. */
  public static final double FINITE_DIFFERENCES = 1e-6;

  /** Pinned gradients (exact values at kinks). */
  public static final double PINNED = 1e-12;

  /** Pullback result vs {@code before + seed * gradient} of the record (same math, other order). */
  public static final double ACCUMULATION = 1e-11;

  private Tolerances() {}
}
