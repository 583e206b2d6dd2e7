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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * GradBench's gmm objective ({@link CountedLoopFunctions#objective}), n = 1000 points, K = 5
 * components, d = 2 or 10: the primal and the generated pullback, with fresh and reused stacks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GmmBenchmark {

  static final int N = 1000;
  static final int K = 5;

  @Param({"2", "10"})
  int d;

  double[] alpha;
  double[][] mu;
  double[][] q;
  double[][] l;
  double[][] x;
  double[] alphaBar;
  double[][] muBar;
  double[][] qBar;
  double[][] lBar;
  double[][] xBar;
  double[] grad = new double[1];
  Stacks stacks;

  @Setup
  public void setUp() {
    Random random = new Random(11);
    alpha = KernelData.vector(K, 1.0, random);
    mu = KernelData.matrix(K, d, 1.0, random);
    q = KernelData.matrix(K, d, 0.3, random);
    l = KernelData.matrix(K, d * (d - 1) / 2, 0.3, random);
    x = KernelData.matrix(N, d, 1.0, random);
    alphaBar = new double[K];
    muBar = new double[K][d];
    qBar = new double[K][d];
    lBar = new double[K][d * (d - 1) / 2];
    xBar = new double[N][d];
    stacks = new Stacks();
  }

  @Benchmark
  public double primal() {
    return CountedLoopFunctions.objective(alpha, mu, q, l, x, 0.1, 2);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    bh.consume(CountedLoopFunctionsAdjoint.objectivePullback(alpha, mu, q, l, x, 0.1, 2, 1.0,
        grad, alphaBar, muBar, qBar, lBar, xBar));
  }

  @Benchmark
  public void generatedOwnStacks(Blackhole bh) {
    bh.consume(CountedLoopFunctionsAdjoint.objectivePullback(alpha, mu, q, l, x, 0.1, 2, 1.0,
        grad, alphaBar, muBar, qBar, lBar, xBar, stacks));
  }
}
