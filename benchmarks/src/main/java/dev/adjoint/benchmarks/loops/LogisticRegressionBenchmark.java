package dev.adjoint.benchmarks.loops;

import dev.adjoint.benchmarks.kernels.KernelData;
import dev.adjoint.runtime.Stacks;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Logistic regression, m = 1000 rows of d = 100 features, a sigmoid helper
 * ({@link CountedLoopFunctions#logisticLoss}): the primal, the record call and the pullback
 * allocating its own stacks, and the pullback with reused stacks. {@code -prof gc} gives what
 * the stacks cost per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogisticRegressionBenchmark {

  double[] w;
  double[][] x;
  double[] y;
  double[] wBar;
  Stacks stacks;

  @Setup
  public void setUp() {
    Random random = new Random(5);
    w = KernelData.vector(100, 0.1, random);
    x = KernelData.matrix(1000, 100, 1.0, random);
    y = new double[1000];
    for (int i = 0; i < y.length; i++) {
      y[i] = random.nextInt(2);
    }
    wBar = new double[100];
    stacks = new Stacks();
  }

  @Benchmark
  public double primal() {
    return CountedLoopFunctions.logisticLoss(w, x, y);
  }

  @Benchmark
  public void generatedRecord(Blackhole bh) {
    bh.consume(CountedLoopFunctionsAdjoint.logisticLoss(w, x, y));
  }

  @Benchmark
  public void generatedFreshStacks(Blackhole bh) {
    bh.consume(CountedLoopFunctionsAdjoint.logisticLossPullback(w, x, y, 1.0, wBar));
  }

  @Benchmark
  public void generatedOwnStacks(Blackhole bh) {
    bh.consume(gradient(stacks));
  }

  /** One generated gradient on {@code s} (the benchmark's call, for the warm-up probe). */
  public double gradient(Stacks s) {
    return CountedLoopFunctionsAdjoint.logisticLossPullback(w, x, y, 1.0, wBar, s);
  }

  /** The state of the benchmark, set up. */
  public static LogisticRegressionBenchmark create() {
    LogisticRegressionBenchmark b = new LogisticRegressionBenchmark();
    b.setUp();
    return b;
  }
}
