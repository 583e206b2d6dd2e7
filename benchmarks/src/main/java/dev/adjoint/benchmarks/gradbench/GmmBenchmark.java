package dev.adjoint.benchmarks.gradbench;

import dev.adjoint.gradbench.gmm.Gmm;
import dev.adjoint.gradbench.gmm.GmmAdjoint;
import dev.adjoint.runtime.Stacks;
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
 * GradBench's gmm at n = 1000 points and ADBench's sizes (d × K): the primal, the generated
 * pullback on the caller's {@code Stacks} (reused, as a training loop would), and the
 * hand-written adjoint. {@link GmmOtherToolsBenchmark} adds finmath-lib and finite differences
 * at the small sizes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GmmBenchmark {
  public static final int N = 1000;

  /** Dimension × components. */
  @Param({"2x5", "10x5", "10x25", "20x25", "32x25", "64x10"})
  String dk;

  GmmInput in;
  double[] alphaBar;
  double[][] muBar;
  double[][] qBar;
  double[][] lBar;
  Stacks stacks = new Stacks();
  GmmHandWritten.Scratch scratch;

  @Setup
  public void setUp() {
    in = GmmInput.of(dk, N);
    alphaBar = in.alphaBar();
    muBar = in.muBar();
    qBar = in.qBar();
    lBar = in.lBar();
    scratch = GmmHandWritten.Scratch.of(in.alpha.length, in.x[0].length);
  }

  @Benchmark
  public double primal() {
    return Gmm.objective(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    bh.consume(GmmAdjoint.objectivePullback(in.alpha, in.mu, in.q, in.l, in.x,
        in.gamma, in.m, 1.0, alphaBar, muBar, qBar, lBar, stacks));
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    bh.consume(GmmHandWritten.gradient(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m,
        alphaBar, muBar, qBar, lBar, scratch));
  }
}
