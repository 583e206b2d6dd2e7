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
 * Rosenbrock in n dimensions ({@code Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)²}), a loop over an
 * array: the primal, the generated pullback (which records its loop on a {@code Stacks} that it
 * allocates per call, or on the caller's) and a hand-written adjoint fused into one loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExtendedRosenbrockBenchmark {

  @Param({"10", "100", "1000"})
  int n;

  double[] x;
  double[] xBar;
  Stacks stacks = new Stacks();

  @Setup
  public void setUp() {
    Random random = new Random(31);
    x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 4 * random.nextDouble() - 2;
    }
    xBar = new double[n];
  }

  @Benchmark
  public double primal() {
    return Functions.extendedRosenbrock(x);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    Arrays.fill(xBar, 0.0);
    bh.consume(FunctionsAdjoint.extendedRosenbrockPullback(x, 1.0, xBar));
    bh.consume(xBar);
  }

  /**
   * The generated pullback's overload that takes the caller's {@code Stacks}: it clears them
   * and records on them, so once they have grown to this {@code n} a call allocates nothing.
   */
  @Benchmark
  public void generatedOwnStacks(Blackhole bh) {
    Arrays.fill(xBar, 0.0);
    bh.consume(FunctionsAdjoint.extendedRosenbrockPullback(x, 1.0, xBar, stacks));
    bh.consume(xBar);
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    Arrays.fill(xBar, 0.0);
    bh.consume(HandWritten.extendedRosenbrockPullback(x, 1.0, xBar));
    bh.consume(xBar);
  }
}
