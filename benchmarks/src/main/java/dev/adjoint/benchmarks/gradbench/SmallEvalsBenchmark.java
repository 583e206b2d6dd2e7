package dev.adjoint.benchmarks.gradbench;

import dev.adjoint.gradbench.llsq.Llsq;
import dev.adjoint.gradbench.llsq.LlsqAdjoint;
import dev.adjoint.gradbench.lse.Lse;
import dev.adjoint.gradbench.lse.LseAdjoint;
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
 * GradBench's lse (n = 1000) and llsq (the polynomial of {@code m} coefficients at n = 1000
 * points) as the tool runs them: primal, generated pullback on reused stacks, hand-written.
 */
public class SmallEvalsBenchmark {

  @State(Scope.Thread)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  @Fork(1)
  public static class LseBenchmark {
    @Param({"1000"})
    int n;

    double[] x;
    double[] xBar;
    double[] scratch;
    Stacks stacks = new Stacks();

    @Setup
    public void setUp() {
      Random random = new Random(5);
      x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextGaussian();
      }
      xBar = new double[n];
      scratch = new double[n];
    }

    @Benchmark
    public double primal() {
      return Lse.logsumexp(x);
    }

    @Benchmark
    public void generated(Blackhole bh) {
      bh.consume(gradient(stacks));
    }

    /** One generated gradient on {@code s} (the benchmark's call, for the warm-up probe). */
    public double gradient(Stacks s) {
      return LseAdjoint.logsumexpPullback(x, 1.0, xBar, s);
    }

    /** The state of the benchmark at {@code n}, set up. */
    public static LseBenchmark of(int n) {
      LseBenchmark b = new LseBenchmark();
      b.n = n;
      b.setUp();
      return b;
    }

    @Benchmark
    public void handWritten(Blackhole bh) {
      bh.consume(SmallEvalsHandWritten.lse(x, xBar, scratch));
    }
  }

  @State(Scope.Thread)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  @Fork(1)
  public static class LlsqBenchmark {
    /** Coefficients. */
    @Param({"8", "64"})
    int m;

    static final int N = 1000;
    double[] x;
    double[] xBar;
    Stacks stacks = new Stacks();

    @Setup
    public void setUp() {
      Random random = new Random(6);
      x = new double[m];
      for (int j = 0; j < m; j++) {
        x[j] = random.nextGaussian();
      }
      xBar = new double[m];
    }

    @Benchmark
    public double primal() {
      return Llsq.primal(x, N);
    }

    @Benchmark
    public void generated(Blackhole bh) {
      bh.consume(gradient(stacks));
    }

    /** One generated gradient on {@code s} (the benchmark's call, for the warm-up probe). */
    public double gradient(Stacks s) {
      return LlsqAdjoint.primalPullback(x, N, 1.0, xBar, s);
    }

    /** The state of the benchmark at {@code m}, set up. */
    public static LlsqBenchmark of(int m) {
      LlsqBenchmark b = new LlsqBenchmark();
      b.m = m;
      b.setUp();
      return b;
    }

    @Benchmark
    public void handWritten(Blackhole bh) {
      bh.consume(SmallEvalsHandWritten.llsq(x, N, xBar));
    }
  }
}
