package dev.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Rosenbrock in 2-D: the primal, the generated adjoints and a hand-written one. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RosenbrockBenchmark {

  // Non-final fields, so the JIT cannot fold the inputs into constants.
  double x = -1.2;
  double y = 1.0;
  double[] grad = new double[2];

  @Benchmark
  public double primal() {
    return Functions.rosenbrock(x, y);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    grad[0] = 0;
    grad[1] = 0;
    bh.consume(FunctionsAdjoint.rosenbrockPullback(x, y, 1.0, grad));
    bh.consume(grad[0]);
    bh.consume(grad[1]);
  }

  @Benchmark
  public void generatedRecord(Blackhole bh) {
    // Consuming the record itself makes it escape, so its allocation is part of the measurement.
    bh.consume(FunctionsAdjoint.rosenbrock(x, y));
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    grad[0] = 0;
    grad[1] = 0;
    bh.consume(HandWritten.rosenbrockPullback(x, y, 1.0, grad));
    bh.consume(grad[0]);
    bh.consume(grad[1]);
  }
}
