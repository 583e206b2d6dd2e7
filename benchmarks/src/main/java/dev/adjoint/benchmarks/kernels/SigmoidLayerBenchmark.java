package dev.adjoint.benchmarks.kernels;

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
 * An MLP layer's loss {@code ‖σ(W x + b)‖²} ({@code matVec}, {@code add}, {@code sigmoid},
 * {@code squaredNorm}) for an {@code n × n} weight matrix, gradient in {@code W} and {@code b}:
 * the primal, the generated pullback (four kernels, then their four pullbacks) and a hand-written
 * adjoint fused into one sweep over {@code W} and {@code W̄}. Both gradient benchmarks re-zero
 * the {@code n × n} adjoint {@code W̄} on every call, which is part of their cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SigmoidLayerBenchmark {

  @Param({"100", "300", "1000"})
  int n;

  double[][] W;
  double[] b;
  double[] x;
  double[][] WBar;
  double[] bBar;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    // Entries of W with variance 1/n, so that W x + b is of order 1 and the sigmoids are not
    // saturated: every term of the gradient matters.
    W = KernelData.matrix(n, n, 1 / Math.sqrt(n), random);
    b = KernelData.vector(n, 1.0, random);
    x = KernelData.vector(n, 1.0, random);
    WBar = new double[n][n];
    bBar = new double[n];
  }

  @Benchmark
  public double primal() {
    return KernelFunctions.layerLoss(W, b, x);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    KernelData.clear(WBar);
    Arrays.fill(bBar, 0.0);
    bh.consume(KernelFunctionsAdjoint.layerLossPullback(W, b, x, 1.0, WBar, bBar));
    bh.consume(WBar);
    bh.consume(bBar);
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    KernelData.clear(WBar);
    Arrays.fill(bBar, 0.0);
    bh.consume(KernelHandWritten.layerLossPullback(W, b, x, 1.0, WBar, bBar));
    bh.consume(WBar);
    bh.consume(bBar);
  }
}
