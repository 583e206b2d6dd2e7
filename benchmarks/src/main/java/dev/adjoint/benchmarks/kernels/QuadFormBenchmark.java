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
 * The quadratic form {@code xᵀ A x} ({@code LinearAlgebra.quadForm}) for a dense, non-symmetric
 * {@code n × n} matrix {@code A}, gradient in {@code x}: the primal, the generated pullback (the
 * kernel, then {@code quadFormPullback}) and a hand-written adjoint fused into one sweep over
 * {@code A}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QuadFormBenchmark {

  @Param({"100", "300", "1000"})
  int n;

  double[] x;
  double[][] A;
  double[] xBar;

  @Setup
  public void setUp() {
    Random random = new Random(41);
    x = KernelData.vector(n, 1.0, random);
    A = KernelData.matrix(n, n, 1.0, random);
    xBar = new double[n];
  }

  @Benchmark
  public double primal() {
    return KernelFunctions.quadForm(x, A);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    Arrays.fill(xBar, 0.0);
    bh.consume(KernelFunctionsAdjoint.quadFormPullback(x, A, 1.0, xBar));
    bh.consume(xBar);
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    Arrays.fill(xBar, 0.0);
    bh.consume(KernelHandWritten.quadFormPullback(x, A, 1.0, xBar));
    bh.consume(xBar);
  }
}
