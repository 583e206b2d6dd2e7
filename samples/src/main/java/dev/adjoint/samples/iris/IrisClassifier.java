package dev.adjoint.samples.iris;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.LinearAlgebra;
import dev.adjoint.samples.SampleTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A small neural network classifying Fisher's Iris flowers, trained with Adam over nothing but
 * Adjoint's generated pullback and adjoint storage.
 *
 * <p>The network is {@code 4 → 8 sigmoid → 3}: for standardized measurements {@code x},
 *
 * <pre>
 *   h = σ(W1 x + b1),   z = W2 h + b2,   ℓ(x, y) = log Σ_k e^(z_k) − z_y
 * </pre>
 *
 * <p>{@code ℓ} is the cross-entropy of the softmax of the logits {@code z} against the label
 * {@code y}, written with {@link LinearAlgebra#logSumExp} so that it never overflows. {@link #loss}
 * is that formula, one example, over {@link LinearAlgebra} kernels ({@code matVec}, {@code add},
 * {@code sigmoid}, {@code logSumExp}), whose hand-written pullbacks the generated code calls.
 * The weights live in the record {@link Mlp}; {@link #batchLoss} takes one and averages {@code
 * loss} over a range of examples, passing the record on, in a loop whose backward sweep calls
 * {@code loss}'s generated pullback once per example, into the same storage. Adjoint generates
 * {@code IrisClassifierAdjoint.batchLossPullback(p, X, labels, start, end, seed, pBar)}, which
 * returns the mean loss and adds {@code seed} times its gradient into {@code pBar}, an {@code
 * IrisClassifier_MlpBar}: the generated adjoint storage of {@code Mlp}, one field per component
 * ({@code pBar.W1}, …), with {@code zero()}, {@code writeTo}/{@code readFrom} (all entries as one
 * vector) and {@code axpy}. Training ({@link #train}) allocates that storage once, zeroes it
 * before each mini-batch and hands it to {@link Adam}, which works on the generated type, not
 * on reflection. (The loop needs no {@link dev.adjoint.runtime.Stacks}: its backward sweep
 * recomputes the index {@code i} by counting down instead of recording it.)
 *
 * <p>Everything else here (loading, the seeded split, standardization, initialization,
 * prediction, reporting) is plain Java.
 */
public final class IrisClassifier {

  /** Hidden units. */
  public static final int HIDDEN = 8;

  /** Classes. */
  public static final int CLASSES = IrisData.SPECIES.size();

  /** Training examples; the other {@code 150 - TRAIN_SIZE} are held out. */
  public static final int TRAIN_SIZE = 120;

  /** Seed of the shuffle that splits the data, the initial weights and the mini-batch order. */
  public static final long SEED = 2024;

  public static final int EPOCHS = 200;
  public static final int BATCH_SIZE = 10;
  /** Adam's step size. */
  public static final double LEARNING_RATE = 0.01;

  /** Print the training loss after the first epoch and then every this many epochs. */
  public static final int REPORT_EVERY = 25;

  private IrisClassifier() {}

  // -----------------------------------------------------------------------------------------
  // The differentiated functions

  /**
   * The softmax cross-entropy {@code log Σ_k e^(z_k) − z_label} of one example {@code x} with
   * logits {@code z = W2 σ(W1 x + b1) + b2}; differentiated with respect to the weights and
   * biases, not the example.
   */
  @Differentiable(wrt = {"p"})
  public static double loss(Mlp p, double[] x, int label) {
    double[] z1 = LinearAlgebra.add(LinearAlgebra.matVec(p.W1(), x), p.b1());
    double[] h = LinearAlgebra.sigmoid(z1);
    double[] z2 = LinearAlgebra.add(LinearAlgebra.matVec(p.W2(), h), p.b2());
    return LinearAlgebra.logSumExp(z2) - z2[label];
  }

  /** The mean of {@link #loss} over the examples {@code start ≤ i < end} of {@code X}. */
  @Differentiable(wrt = {"p"})
  public static double batchLoss(Mlp p, double[][] X, int[] labels, int start, int end) {
    double total = 0;
    for (int i = start; i < end; i++) {
      total += loss(p, X[i], labels[i]);
    }
    return total / (end - start);
  }

  // -----------------------------------------------------------------------------------------
  // Parameters

  /**
   * The network's weights and biases. Adjoint generates its adjoint storage, {@code
   * IrisClassifier_MlpBar}, with a field of the same shape per component.
   */
  public record Mlp(double[][] W1, double[] b1, double[][] W2, double[] b2) {

    /** All zeros, shaped for {@code hidden} hidden units. */
    public static Mlp zeros(int hidden) {
      return new Mlp(
          new double[hidden][IrisData.FEATURES],
          new double[hidden],
          new double[CLASSES][hidden],
          new double[CLASSES]);
    }

    /**
     * Weights drawn from {@code N(0, 1 / fan-in)} (Glorot-like, so that the sigmoids start in
     * their sloped middle), biases zero.
     */
    public static Mlp random(int hidden, Random random) {
      Mlp p = zeros(hidden);
      fillGaussian(p.W1, 1 / Math.sqrt(IrisData.FEATURES), random);
      fillGaussian(p.W2, 1 / Math.sqrt(hidden), random);
      return p;
    }

    private static void fillGaussian(double[][] m, double std, Random random) {
      for (double[] row : m) {
        for (int j = 0; j < row.length; j++) {
          row[j] = std * random.nextGaussian();
        }
      }
    }

    /**
     * The generated storage over this record's own arrays (not copies): what an optimizer
     * updates in place.
     */
    public IrisClassifier_MlpBar storage() {
      return new IrisClassifier_MlpBar(W1, b1, W2, b2);
    }

    /** Number of scalar parameters. */
    public int count() {
      return storage().size();
    }

    /** All entries in one vector: {@code W1} row by row, {@code b1}, {@code W2}, {@code b2}. */
    public double[] flatten() {
      IrisClassifier_MlpBar view = storage();
      double[] p = new double[view.size()];
      view.writeTo(p, 0);
      return p;
    }

    /** The inverse of {@link #flatten()}. */
    public static Mlp unflatten(double[] p, int hidden) {
      Mlp out = zeros(hidden);
      int k = out.storage().readFrom(p, 0);
      if (k != p.length) {
        throw new IllegalArgumentException(p.length + " values for " + k + " parameters");
      }
      return out;
    }
  }

  /**
   * Adam (Kingma and Ba, 2015) over the generated adjoint storage: the gradient and the
   * parameters are read as vectors ({@code writeTo}), stepped entry by entry with bias-corrected
   * first and second moments, and written back ({@code readFrom}). Allocates only when
   * created.
   */
  public static final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double rate;
    private final IrisClassifier_MlpBar parameters;
    private final double[] theta;
    private final double[] gradient;
    private final double[] first;
    private final double[] second;
    private int steps;

    /** An optimizer that updates {@code p}'s arrays in place, with step size {@code rate}. */
    public Adam(Mlp p, double rate) {
      this.rate = rate;
      this.parameters = p.storage();
      int n = parameters.size();
      theta = new double[n];
      gradient = new double[n];
      first = new double[n];
      second = new double[n];
    }

    /** One step against {@code grad}, the gradient of the loss at the current parameters. */
    public void step(IrisClassifier_MlpBar grad) {
      steps++;
      grad.writeTo(gradient, 0);
      parameters.writeTo(theta, 0);
      double firstCorrection = 1 - Math.pow(BETA1, steps);
      double secondCorrection = 1 - Math.pow(BETA2, steps);
      for (int k = 0; k < theta.length; k++) {
        double g = gradient[k];
        first[k] = BETA1 * first[k] + (1 - BETA1) * g;
        second[k] = BETA2 * second[k] + (1 - BETA2) * g * g;
        theta[k] -= rate * (first[k] / firstCorrection)
            / (Math.sqrt(second[k] / secondCorrection) + EPSILON);
      }
      parameters.readFrom(theta, 0);
    }
  }

  // -----------------------------------------------------------------------------------------
  // Using the network

  /** The primal mean loss of {@code p} over all of {@code data}. */
  public static double meanLoss(Mlp p, IrisData data) {
    return batchLoss(p, data.features(), data.labels(), 0, data.size());
  }

  /** The class with the largest logit for one (standardized) example. */
  public static int predict(Mlp p, double[] x) {
    double[] h = LinearAlgebra.sigmoid(LinearAlgebra.add(LinearAlgebra.matVec(p.W1, x), p.b1));
    double[] z = LinearAlgebra.add(LinearAlgebra.matVec(p.W2, h), p.b2);
    int best = 0;
    for (int k = 1; k < z.length; k++) {
      if (z[k] > z[best]) {
        best = k;
      }
    }
    return best;
  }

  /** How many examples of {@code data} {@link #predict} gets right. */
  public static int correct(Mlp p, IrisData data) {
    int right = 0;
    for (int i = 0; i < data.size(); i++) {
      if (predict(p, data.features()[i]) == data.labels()[i]) {
        right++;
      }
    }
    return right;
  }

  /**
   * The largest relative difference between the generated gradient of the mean loss over {@code
   * data} at {@code p} (from the pullback, seed 1, into zeroed storage) and central finite
   * differences of the primal ({@link GradientCheck}).
   */
  public static double gradientCheck(Mlp p, IrisData data) {
    int hidden = p.b1().length;
    IrisClassifier_MlpBar grad = IrisClassifier_MlpBar.zerosLike(p);
    IrisClassifierAdjoint.batchLossPullback(
        p, data.features(), data.labels(), 0, data.size(), 1.0, grad);
    double[] flat = new double[grad.size()];
    grad.writeTo(flat, 0);
    return GradientCheck.maxRelativeError(
        v -> meanLoss(Mlp.unflatten(v, hidden), data), p.flatten(), flat);
  }

  // -----------------------------------------------------------------------------------------
  // Training

  /**
   * What {@link #train} produced.
   *
   * @param parameters the trained weights
   * @param trainCorrect correctly classified training examples
   * @param trainSize training examples
   * @param testCorrect correctly classified held-out examples
   * @param testSize held-out examples
   * @param epochLosses the mean of the mini-batch losses the pullbacks returned in each epoch
   * @param initialGradientError {@link #gradientCheck} at the initial weights on the training set
   * @param lines the report, one entry per line
   */
  public record Result(
      Mlp parameters,
      int trainCorrect,
      int trainSize,
      int testCorrect,
      int testSize,
      double[] epochLosses,
      double initialGradientError,
      List<String> lines) {

    public double trainAccuracy() {
      return (double) trainCorrect / trainSize;
    }

    public double testAccuracy() {
      return (double) testCorrect / testSize;
    }
  }

  /**
   * Loads the data, splits it ({@link #TRAIN_SIZE} for training, shuffled with {@code seed}),
   * standardizes both parts with the training part's mean and standard deviation, and trains the
   * network from weights drawn with {@code seed} with {@link Adam}: each epoch visits the
   * training examples in a fresh seeded order, in batches of {@code batchSize}, and takes one
   * step of size {@code learningRate} against the gradient of the mean batch loss after each.
   * Each report line is passed to {@code out} as soon as it is known, and collected in the
   * result.
   */
  public static Result train(
      long seed, int epochs, int batchSize, double learningRate, Consumer<String> out) {
    List<String> lines = new ArrayList<>();
    Consumer<String> say =
        line -> {
          lines.add(line);
          out.accept(line);
        };

    IrisData all = IrisData.load();
    IrisData.Split split = all.split(TRAIN_SIZE, seed);
    IrisData.Standardizer standardizer = IrisData.Standardizer.of(split.train());
    IrisData train = standardizer.apply(split.train());
    IrisData test = standardizer.apply(split.test());
    int[] counts = all.classCounts();
    say.accept(
        String.format(
            Locale.ROOT,
            "Iris: %d flowers (%d %s, %d %s, %d %s), shuffled with seed %d into %d for training"
                + " and %d held out; features standardized with the training mean and std",
            all.size(), counts[0], IrisData.SPECIES.get(0), counts[1], IrisData.SPECIES.get(1),
            counts[2], IrisData.SPECIES.get(2), seed, train.size(), test.size()));

    Random random = new Random(seed);
    Mlp p = Mlp.random(HIDDEN, random);
    double gradientError = gradientCheck(p, train);
    say.accept(
        String.format(
            Locale.ROOT,
            "Network 4 -> %d sigmoid -> %d, softmax cross-entropy, %d parameters; generated"
                + " gradient vs finite differences at the initial weights: max relative error"
                + " %.1e",
            HIDDEN, CLASSES, p.count(), gradientError));
    say.accept(
        String.format(
            Locale.ROOT,
            "Adam over IrisClassifier_MlpBar, gradients from"
                + " IrisClassifierAdjoint.batchLossPullback: batch %d, step size %s, %d epochs",
            batchSize, learningRate, epochs));
    say.accept(
        String.format(
            Locale.ROOT,
            "  epoch %4d  training loss %.4f  (before training)", 0, meanLoss(p, train)));

    // Allocated once: the adjoint storage the pullback adds into, the optimizer's state, and
    // the shuffled view of the training set that each mini-batch is a range of.
    IrisClassifier_MlpBar grad = IrisClassifier_MlpBar.zerosLike(p);
    Adam adam = new Adam(p, learningRate);
    int n = train.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[][] X = new double[n][];
    int[] labels = new int[n];
    double[] epochLosses = new double[epochs];

    long started = System.nanoTime();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      IrisData.shuffle(order, random);
      for (int i = 0; i < n; i++) {
        X[i] = train.features()[order[i]];
        labels[i] = train.labels()[order[i]];
      }
      double sum = 0;
      for (int start = 0; start < n; start += batchSize) {
        int end = Math.min(start + batchSize, n);
        grad.zero();
        double batchMean =
            IrisClassifierAdjoint.batchLossPullback(p, X, labels, start, end, 1.0, grad);
        sum += batchMean * (end - start);
        adam.step(grad);
      }
      epochLosses[epoch - 1] = sum / n;
      if (epoch == 1 || epoch % REPORT_EVERY == 0 || epoch == epochs) {
        say.accept(
            String.format(
                Locale.ROOT,
                "  epoch %4d  training loss %.4f  (mean over the epoch's mini-batches)  %s",
                epoch, epochLosses[epoch - 1], SampleTiming.elapsed(started)));
      }
    }

    int trainCorrect = correct(p, train);
    int testCorrect = correct(p, test);
    say.accept(
        String.format(
            Locale.ROOT,
            "Accuracy: training %.3f (%d/%d), held out %.3f (%d/%d); final training loss %.4f,"
                + " held-out loss %.4f",
            (double) trainCorrect / n, trainCorrect, n,
            (double) testCorrect / test.size(), testCorrect, test.size(),
            meanLoss(p, train), meanLoss(p, test)));
    return new Result(
        p, trainCorrect, n, testCorrect, test.size(), epochLosses, gradientError,
        List.copyOf(lines));
  }

  /**
   * Trains with the defaults ({@link #SEED}, {@link #EPOCHS}, {@link #BATCH_SIZE}, {@link
   * #LEARNING_RATE}), passing each report line to {@code out} as it is produced (for example
   * {@code System.out::println}), and returns the result.
   */
  public static Result run(Consumer<String> out) {
    return train(SEED, EPOCHS, BATCH_SIZE, LEARNING_RATE, out);
  }

  /** Trains with the defaults, printing nothing; returns the report lines. */
  public static List<String> runAll() {
    return run(line -> {}).lines();
  }

  /** Trains with the defaults, printing nothing; returns the report, one line per line. */
  public static String run() {
    return String.join(System.lineSeparator(), runAll()) + System.lineSeparator();
  }

  public static void main(String[] args) {
    run(System.out::println);
  }
}
