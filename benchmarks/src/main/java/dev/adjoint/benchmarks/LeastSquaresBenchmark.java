package dev.adjoint.benchmarks;

import dev.adjoint.runtime.Stacks;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Least squares {@code ‖y - X w‖²}, gradient in {@code w}: {@code X} has {@code n} rows and a
 * fixed {@value #COLUMNS} columns, so the work (and the generated code's stack) grows linearly in
 * {@code n}, as for {@link ExtendedRosenbrockBenchmark}. The primal, the generated pullback (with
 * stacks it allocates per call, or the caller's) and a hand-written adjoint.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LeastSquaresBenchmark {

  static final int COLUMNS = 10;

  /** Rows of {@code X}. */
  @Param({"10", "100", "1000"})
  int n;

  double[][] X;
  double[] y;
  double[] w;
  double[] wBar;
  Stacks stacks = new Stacks();

  @Setup
  public void setUp() {
    Random random = new Random(32);
    X = new double[n][COLUMNS];
    y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < COLUMNS; j++) {
        X[i][j] = random.nextGaussian();
      }
      y[i] = random.nextGaussian();
    }
    w = new double[COLUMNS];
    for (int j = 0; j < COLUMNS; j++) {
      w[j] = random.nextGaussian();
    }
    wBar = new double[COLUMNS];
  }

  @Benchmark
  public double primal() {
    return Functions.leastSquares(X, y, w);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    Arrays.fill(wBar, 0.0);
    bh.consume(FunctionsAdjoint.leastSquaresPullback(X, y, w, 1.0, wBar));
    bh.consume(wBar);
  }

  /**
   * The generated pullback's overload that takes the caller's {@code Stacks}: it clears them
   * and records on them, so once they have grown to this {@code n} a call allocates nothing.
   */
  @Benchmark
  public void generatedOwnStacks(Blackhole bh) {
    Arrays.fill(wBar, 0.0);
    bh.consume(FunctionsAdjoint.leastSquaresPullback(X, y, w, 1.0, wBar, stacks));
    bh.consume(wBar);
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    Arrays.fill(wBar, 0.0);
    bh.consume(HandWritten.leastSquaresPullback(X, y, w, 1.0, wBar));
    bh.consume(wBar);
  }
}
