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
 * Least squares through kernels, {@code ‖X w − y‖²} ({@code matVec}, {@code sub}, {@code
 * squaredNorm}) for a square {@code n × n} {@code X}, gradient in {@code w}: the primal, the
 * generated pullback (three kernels, then their pullbacks) and a hand-written adjoint fused into
 * one sweep over {@code X}. (The element-by-element least squares with a loop, {@code
 * n × 10}, is {@code dev.adjoint.benchmarks.LeastSquaresBenchmark}; this class is named
 * differently so that the regular expression {@code LeastSquares} does not select both.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResidualNormBenchmark {

  @Param({"100", "300", "1000"})
  int n;

  double[][] X;
  double[] w;
  double[] y;
  double[] wBar;

  @Setup
  public void setUp() {
    Random random = new Random(43);
    X = KernelData.matrix(n, n, 1.0, random);
    w = KernelData.vector(n, 1.0, random);
    y = KernelData.vector(n, 1.0, random);
    wBar = new double[n];
  }

  @Benchmark
  public double primal() {
    return KernelFunctions.leastSquares(X, w, y);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    Arrays.fill(wBar, 0.0);
    bh.consume(KernelFunctionsAdjoint.leastSquaresPullback(X, w, y, 1.0, wBar));
    bh.consume(wBar);
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    Arrays.fill(wBar, 0.0);
    bh.consume(KernelHandWritten.leastSquaresPullback(X, w, y, 1.0, wBar));
    bh.consume(wBar);
  }
}
