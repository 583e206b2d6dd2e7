package dev.adjoint.samples.iris;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fisher's Iris data (150 flowers, 4 measurements in cm, 3 species), read from the classpath
 * resource {@code /iris/iris.csv} (see {@code iris/SOURCE.md} beside it for where it comes from),
 * and the plain-Java preprocessing the classifier needs: a seeded shuffle into a training and a
 * held-out part, and standardization with the training part's statistics.
 *
 * @param features one row of 4 measurements per example
 * @param labels the species of each example, an index into {@link #SPECIES}
 */
public record IrisData(double[][] features, int[] labels) {

  /** The classpath resource holding the data. */
  public static final String RESOURCE = "/iris/iris.csv";

  /** The CSV header, which {@link #load()} checks. */
  public static final String HEADER = "sepal_length,sepal_width,petal_length,petal_width,species";

  /** The species, in label order. */
  public static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");

  /** Measurements per example. */
  public static final int FEATURES = 4;

  public IrisData {
    if (features.length != labels.length) {
      throw new IllegalArgumentException(
          features.length + " feature rows but " + labels.length + " labels");
    }
  }

  /** Reads all 150 examples from {@link #RESOURCE}, in file order. */
  public static IrisData load() {
    InputStream in = IrisData.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("classpath resource " + RESOURCE + " not found");
    }
    List<double[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      if (!HEADER.equals(header)) {
        throw new IllegalStateException(RESOURCE + ": expected header " + HEADER + ", got " + header);
      }
      String line;
      int lineNumber = 1;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",");
        if (fields.length != FEATURES + 1) {
          throw new IllegalStateException(
              RESOURCE + ":" + lineNumber + ": expected " + (FEATURES + 1) + " fields: " + line);
        }
        double[] row = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
          row[j] = Double.parseDouble(fields[j]);
        }
        int label = SPECIES.indexOf(fields[FEATURES]);
        if (label < 0) {
          throw new IllegalStateException(
              RESOURCE + ":" + lineNumber + ": unknown species " + fields[FEATURES]);
        }
        rows.add(row);
        labels.add(label);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new IrisData(
        rows.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Number of examples. */
  public int size() {
    return labels.length;
  }

  /** How many examples have each label, indexed by label. */
  public int[] classCounts() {
    int[] counts = new int[SPECIES.size()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** The examples at {@code indices}, in that order (rows are copied). */
  public IrisData select(int[] indices) {
    double[][] f = new double[indices.length][];
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      f[i] = features[indices[i]].clone();
      l[i] = labels[indices[i]];
    }
    return new IrisData(f, l);
  }

  /** {@code 0, 1, …, n - 1} in a Fisher–Yates order drawn from {@code random}. */
  public static int[] permutation(int n, Random random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffle(p, random);
    return p;
  }

  /** Shuffles {@code a} in place (Fisher–Yates). */
  public static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** A training part and a held-out part. */
  public record Split(IrisData train, IrisData test) {}

  /**
   * Shuffles the examples with {@code new Random(seed)} and puts the first {@code trainSize} in
   * the training part, the rest in the held-out part.
   */
  public Split split(int trainSize, long seed) {
    if (trainSize <= 0 || trainSize >= size()) {
      throw new IllegalArgumentException("trainSize " + trainSize + " of " + size());
    }
    int[] order = permutation(size(), new Random(seed));
    int[] train = new int[trainSize];
    int[] test = new int[size() - trainSize];
    System.arraycopy(order, 0, train, 0, trainSize);
    System.arraycopy(order, trainSize, test, 0, test.length);
    return new Split(select(train), select(test));
  }

  /** Per-feature mean and (population) standard deviation of a data set. */
  public record Standardizer(double[] mean, double[] std) {

    /** The statistics of {@code data}'s features. */
    public static Standardizer of(IrisData data) {
      int n = data.size();
      double[] mean = new double[FEATURES];
      double[] std = new double[FEATURES];
      for (double[] row : data.features()) {
        for (int j = 0; j < FEATURES; j++) {
          mean[j] += row[j] / n;
        }
      }
      for (double[] row : data.features()) {
        for (int j = 0; j < FEATURES; j++) {
          double d = row[j] - mean[j];
          std[j] += d * d / n;
        }
      }
      for (int j = 0; j < FEATURES; j++) {
        std[j] = Math.sqrt(std[j]);
      }
      return new Standardizer(mean, std);
    }

    /** {@code (x - mean) / std} for every feature of every example, as a new data set. */
    public IrisData apply(IrisData data) {
      double[][] f = new double[data.size()][FEATURES];
      for (int i = 0; i < data.size(); i++) {
        for (int j = 0; j < FEATURES; j++) {
          f[i][j] = (data.features()[i][j] - mean[j]) / std[j];
        }
      }
      return new IrisData(f, data.labels().clone());
    }
  }
}
