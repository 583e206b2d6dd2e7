package dev.adjoint.samples.spark;

import dev.adjoint.samples.iris.IrisClassifier.Mlp;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains logistic regression or the Iris network on generated data with Spark, printing each
 * step. Run it with {@code spark-submit} (the master comes from there) or as a plain Java program
 * ({@code --master}, {@code local[*]} by default); {@code --help} lists the options.
 */
public final class SparkTraining {

  static final String USAGE =
      """
      usage: SparkTraining [logistic|iris] [options]
        --master URL        Spark master when not given by spark-submit (default local[*])
        --rows N            rows of generated data (default 1000000)
        --features D        features, logistic only (default 50)
        --hidden H          hidden units, iris only (default 8)
        --partitions P      partitions of the cached data (default: Spark's parallelism)
        --chunk ROWS        rows per block, one generated-pullback call each (default 8192)
        --optimizer NAME    lbfgs (Breeze) or gd (default lbfgs)
        --steps S           L-BFGS iterations or gradient steps (default 30)
        --rate R            gradient-descent step size (default 1.0)
        --lambda L          L2 weight, logistic only (default 1e-4)
        --seed S            seed of the true model and the data (default 2024)
      """;

  private SparkTraining() {}

  /** The parsed command line. */
  record Options(
      String model, String master, long rows, int features, int hidden, int partitions,
      int chunk, String optimizer, int steps, double rate, double lambda, long seed) {

    static Options parse(String... args) {
      String model = "logistic";
      Map<String, String> values = new HashMap<>();
      for (int k = 0; k < args.length; k++) {
        String arg = args[k];
        if (arg.equals("--help") || arg.equals("-h")) {
          return null;
        } else if (arg.startsWith("--")) {
          if (k + 1 == args.length) {
            throw new IllegalArgumentException(arg + " needs a value");
          }
          values.put(arg.substring(2), args[++k]);
        } else if (arg.equals("logistic") || arg.equals("iris")) {
          model = arg;
        } else {
          throw new IllegalArgumentException("unknown argument " + arg);
        }
      }
      Options options =
          new Options(
              model,
              values.remove("master"),
              Long.parseLong(values.getOrDefault("rows", "1000000")),
              Integer.parseInt(values.getOrDefault("features", "50")),
              Integer.parseInt(values.getOrDefault("hidden", "8")),
              Integer.parseInt(values.getOrDefault("partitions", "0")),
              Integer.parseInt(values.getOrDefault("chunk", "8192")),
              values.getOrDefault("optimizer", "lbfgs"),
              Integer.parseInt(values.getOrDefault("steps", "30")),
              Double.parseDouble(values.getOrDefault("rate", "1.0")),
              Double.parseDouble(values.getOrDefault("lambda", "1e-4")),
              Long.parseLong(values.getOrDefault("seed", "2024")));
      for (String known :
          new String[] {
            "rows", "features", "hidden", "partitions", "chunk", "optimizer", "steps", "rate",
            "lambda", "seed"
          }) {
        values.remove(known);
      }
      if (!values.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + values.keySet());
      }
      if (!options.optimizer.equals("lbfgs") && !options.optimizer.equals("gd")) {
        throw new IllegalArgumentException("--optimizer is lbfgs or gd, not " + options.optimizer);
      }
      return options;
    }
  }

  /**
   * Starts a Spark context for {@code options} (the master of spark-submit if there is one,
   * else {@code --master}, else {@code local[*]}), trains, prints to {@code out} and stops it.
   */
  public static Training.Result run(Options options, Consumer<String> out) {
    SparkConf conf = new SparkConf().setAppName("adjoint-" + options.model);
    if (options.master != null) {
      conf.setMaster(options.master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      spark.setLogLevel("WARN");
      return train(spark, options, out);
    }
  }

  /** Trains in {@code spark}, printing the set-up, every step and the check against the truth. */
  static Training.Result train(JavaSparkContext spark, Options options, Consumer<String> out) {
    Problem problem = Problem.of(options);
    int partitions = options.partitions > 0 ? options.partitions : spark.defaultParallelism();
    Chunks chunks = Chunks.of(options.rows, options.chunk);
    long start = System.nanoTime();
    SparkObjective f =
        SparkObjective.of(spark, problem.loss, problem.data, chunks, partitions, 2);
    out.accept(
        String.format(
            Locale.ROOT,
            "%s: %,d rows in %d blocks over %d partitions on %s (%d cores), made and cached in"
                + " %.1f s; %d parameters",
            problem.description, options.rows, chunks.count(), f.partitions(), spark.master(),
            spark.defaultParallelism(), (System.nanoTime() - start) / 1e9, f.dimension()));
    out.accept(
        options.optimizer.equals("lbfgs")
            ? "Breeze L-BFGS, memory 10, at most " + options.steps + " iterations"
            : "gradient descent, step size " + options.rate + ", " + options.steps + " steps");
    Consumer<Step> progress = step -> out.accept(step.line());
    try {
      Training.Result result =
          options.optimizer.equals("lbfgs")
              ? Training.lbfgs(f, problem.start, options.steps, 10, 1e-10, progress)
              : Training.gradientDescent(f, problem.start, options.steps, options.rate, progress);
      out.accept(summary(result));
      out.accept(problem.check(result.theta(), f));
      return result;
    } finally {
      f.release();
    }
  }

  /** Mean rows/s and pullback share over the steps after step 0 (which warms the JIT up). */
  static String summary(Training.Result result) {
    long rows = 0;
    long wall = 0;
    double pullback = 0;
    int cores = result.last().cores();
    for (Step step : result.steps().subList(1, result.steps().size())) {
      rows += step.cost().rows();
      wall += step.cost().wallNanos();
      pullback += step.cost().pullbackNanos();
    }
    double rowsPerMicrosecond = wall == 0 ? 0 : rows * 1e3 / wall;
    double share = wall == 0 ? 0 : pullback / ((double) wall * cores);
    return String.format(
        Locale.ROOT,
        "steps 1-%d: %.2f M rows/s, %.1f%% of %d cores' time inside generated pullbacks",
        result.last().step(), rowsPerMicrosecond, 100 * share, cores);
  }

  /** A model, its generated data, where training starts and how to check the result. */
  private record Problem(
      String description, BlockLoss loss, DataSource data, double[] start,
      BiFunction<double[], Objective, String> checker) {

    String check(double[] theta, Objective f) {
      return checker.apply(theta, f);
    }

    static Problem of(Options o) {
      if (o.model.equals("iris")) {
        Mlp teacher = IrisNetwork.teacher(o.hidden, o.seed);
        IrisNetwork loss = new IrisNetwork(o.hidden);
        double[] teacherTheta = teacher.flatten();
        return new Problem(
            "Iris network 4 -> " + o.hidden + " sigmoid -> 3 (IrisClassifier.batchLoss), labels"
                + " drawn from a teacher network",
            loss,
            IrisNetwork.data(teacher, o.seed),
            Mlp.random(o.hidden, new Random(o.seed + 1)).flatten(),
            (theta, f) -> {
              double teacherLoss = f.evaluate(teacherTheta, new double[teacherTheta.length]);
              double trainedLoss = f.evaluate(theta, new double[theta.length]);
              return String.format(
                  Locale.ROOT,
                  "cross-entropy: trained %.5f, teacher %.5f (the true model; the trained one"
                      + " may be lower by the noise it fits)",
                  trainedLoss, teacherLoss);
            });
      }
      double[] truth = LogisticRegression.trueModel(o.features, o.seed);
      return new Problem(
          "Logistic regression, " + o.features + " features, L2 " + o.lambda,
          new LogisticRegression(o.features, o.lambda),
          LogisticRegression.data(truth, o.seed),
          new double[o.features + 1],
          (theta, f) -> {
            double max = 0;
            for (int k = 0; k < theta.length; k++) {
              max = Math.max(max, Math.abs(theta[k] - truth[k]));
            }
            return String.format(
                Locale.ROOT,
                "true model recovered to max |theta - theta*| = %.4f (intercept %.4f vs %.4f)",
                max, theta[o.features], truth[o.features]);
          });
    }
  }

  public static void main(String[] args) {
    Options options = Options.parse(args);
    if (options == null) {
      System.out.print(USAGE);
      return;
    }
    run(options, System.out::println);
  }
}
