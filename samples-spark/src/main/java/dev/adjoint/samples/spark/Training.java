package dev.adjoint.samples.spark;

import breeze.linalg.DenseVector;
import breeze.linalg.DenseVector$;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.LBFGS;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The driver's side: optimizers over an {@link Objective}, reporting each step to a listener as
 * soon as it is taken. Both evaluate the objective only through {@link Objective#evaluate}, so
 * the same code trains on Spark and on one machine.
 */
public final class Training {

  /**
   * What training produced.
   *
   * @param theta the final parameters
   * @param steps step 0 (the start) and every step after it
   */
  public record Result(double[] theta, List<Step> steps) {

    /** The loss after each step, step 0 first. */
    public double[] losses() {
      return steps.stream().mapToDouble(Step::loss).toArray();
    }

    public Step last() {
      return steps.get(steps.size() - 1);
    }
  }

  private Training() {}

  /**
   * {@code steps} steps of gradient descent {@code θ ← θ − rate·∇f(θ)} from {@code start}.
   */
  public static Result gradientDescent(
      Objective f, double[] start, int steps, double rate, Consumer<Step> progress) {
    double[] theta = start.clone();
    double[] gradient = new double[theta.length];
    Recorder recorder = new Recorder(f, progress);
    double loss = f.evaluate(theta, gradient);
    recorder.step(0, loss, gradient);
    for (int step = 1; step <= steps; step++) {
      for (int k = 0; k < theta.length; k++) {
        theta[k] -= rate * gradient[k];
      }
      loss = f.evaluate(theta, gradient);
      recorder.step(step, loss, gradient);
    }
    return new Result(theta, recorder.steps);
  }

  /**
   * Breeze's L-BFGS (the one Spark MLlib trains with) from {@code start}, keeping {@code memory}
   * corrections, for at most {@code maxIterations} iterations or until the relative improvement
   * falls under {@code tolerance}. Each of its function evaluations is one {@link
   * Objective#evaluate} (one Spark job); its line search may take more than one per step.
   */
  public static Result lbfgs(
      Objective f, double[] start, int maxIterations, int memory, double tolerance,
      Consumer<Step> progress) {
    LBFGS<DenseVector<Object>> lbfgs =
        new LBFGS<>(maxIterations, memory, tolerance, DenseVector$.MODULE$.space_Double());
    BreezeObjective function = new BreezeObjective(f);
    Recorder recorder = new Recorder(f, progress);
    double[] theta = start.clone();
    scala.collection.Iterator<FirstOrderMinimizer.State<DenseVector<Object>, Object, Object>> states =
        lbfgs.iterations(function, BreezeObjective.vector(theta));
    while (states.hasNext()) {
      FirstOrderMinimizer.State<DenseVector<Object>, Object, Object> state = states.next();
      theta = BreezeObjective.values(state.x());
      recorder.step(state.iter(), state.value(), BreezeObjective.values(state.grad()));
    }
    return new Result(theta, recorder.steps);
  }

  /** Turns the objective's running cost into one {@link Step} per step. */
  private static final class Recorder {
    private final Objective f;
    private final Consumer<Step> progress;
    private final List<Step> steps = new ArrayList<>();
    private Objective.Cost before;

    Recorder(Objective f, Consumer<Step> progress) {
      this.f = f;
      this.progress = progress;
      this.before = f.cost();
    }

    void step(int step, double loss, double[] gradient) {
      Objective.Cost now = f.cost();
      double norm = 0;
      for (double g : gradient) {
        norm += g * g;
      }
      Step s = new Step(step, loss, Math.sqrt(norm), now.since(before), f.cores());
      before = now;
      steps.add(s);
      progress.accept(s);
    }
  }
}
