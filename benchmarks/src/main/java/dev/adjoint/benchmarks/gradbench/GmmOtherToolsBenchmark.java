package dev.adjoint.benchmarks.gradbench;

import dev.adjoint.gradbench.gmm.Gmm;
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
 * The gmm gradient by the alternatives a Java user has, at the sizes where they finish:
 * finmath-lib's adjoint AD (a tape node per operation) and central finite differences (two
 * primal calls per parameter). The report puts these beside {@link GmmBenchmark}'s rows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class GmmOtherToolsBenchmark {
  @Param({"2x5", "10x5"})
  String dk;

  GmmInput in;
  double[] alphaBar;
  double[][] muBar;
  double[][] qBar;
  double[][] lBar;

  @Setup
  public void setUp() {
    in = GmmInput.of(dk, GmmBenchmark.N);
    alphaBar = in.alphaBar();
    muBar = in.muBar();
    qBar = in.qBar();
    lBar = in.lBar();
  }

  @Benchmark
  public void finmath(Blackhole bh) {
    bh.consume(GmmFinmath.gradient(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m,
        alphaBar, muBar, qBar, lBar));
  }

  @Benchmark
  public void finiteDifferences(Blackhole bh) {
    double h = 1e-6;
    for (double[][] p : new double[][][] {{in.alpha}, in.mu, in.q, in.l}) {
      for (double[] row : p) {
        for (int j = 0; j < row.length; j++) {
          double saved = row[j];
          row[j] = saved + h;
          double up = Gmm.objective(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m);
          row[j] = saved - h;
          double down =
              Gmm.objective(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m);
          row[j] = saved;
          bh.consume((up - down) / (2 * h));
        }
      }
    }
  }
}
