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
 * Forward mode and second order on the extended Rosenbrock: the primal, the generated gradient
 * (on reused stacks), the generated JVP {@code extendedRosenbrockJvp} (issue target: JVP ÷
 * primal ≤ 2) and the generated HVP {@code extendedRosenbrockHvp} by forward over reverse
 * (target: HVP ÷ gradient ≤ 3).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SecondOrderBenchmark {

  @Param({"10", "100", "1000"})
  int n;

  double[] x;
  double[] v;
  double[] xBar;
  double[] hv;
  Stacks stacks = new Stacks();

  @Setup
  public void setUp() {
    Random random = new Random(47);
    x = new double[n];
    v = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 4 * random.nextDouble() - 2;
      v[i] = 2 * random.nextDouble() - 1;
    }
    xBar = new double[n];
    hv = new double[n];
  }

  @Benchmark
  public double primal() {
    return Functions.extendedRosenbrock(x);
  }

  @Benchmark
  public void gradient(Blackhole bh) {
    Arrays.fill(xBar, 0.0);
    bh.consume(FunctionsAdjoint.extendedRosenbrockPullback(x, 1.0, xBar, stacks));
    bh.consume(xBar);
  }

  @Benchmark
  public double jvp() {
    return FunctionsAdjoint.extendedRosenbrockJvp(x, v);
  }

  @Benchmark
  public void hvp(Blackhole bh) {
    Arrays.fill(hv, 0.0);
    bh.consume(FunctionsAdjoint.extendedRosenbrockHvp(x, v, hv));
    bh.consume(hv);
  }
}
