package dev.adjoint.samples.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A loss curve as an SVG line chart: one series against the step (or epoch) number, with a
 * linear or a base-10 logarithmic loss axis, ticks, grid, title and axis labels.
 *
 * <p>Written by hand rather than with a plotting library: one line chart is about a hundred
 * lines of text output, needs no AWT, keeps the samples free of dependencies beyond Adjoint's
 * own, and the file it writes is plain, stable text that GitHub renders and a diff can review.
 * The same input always gives the same bytes (coordinates rounded to 0.1 px, {@link Locale#ROOT}).
 *
 * @param title the chart's heading
 * @param xLabel the horizontal axis' label, e.g. {@code epoch}
 * @param yLabel the vertical axis' label, e.g. {@code training loss}
 * @param firstX the step number of {@code values[0]}; the others follow one apart
 * @param values the loss at each step, all finite (and positive on a log axis)
 * @param logScale whether the loss axis is logarithmic
 */
public record LossPlot(
    String title, String xLabel, String yLabel, int firstX, double[] values, boolean logScale) {

  /** Canvas and plot-area geometry, in pixels. */
  static final int WIDTH = 640;
  static final int HEIGHT = 400;
  static final int LEFT = 80;
  static final int RIGHT = 24;
  static final int TOP = 40;
  static final int BOTTOM = 56;

  /** At most this many points are drawn; longer series are thinned evenly, ends kept. */
  static final int MAX_POINTS = 800;

  public LossPlot {
    values = values.clone();
    if (values.length < 2) {
      throw new IllegalArgumentException("a loss curve needs at least two values");
    }
    for (double v : values) {
      if (!Double.isFinite(v) || (logScale && v <= 0)) {
        throw new IllegalArgumentException(
            "cannot plot " + v + (logScale ? " on a logarithmic axis" : ""));
      }
    }
  }

  /** A curve on a linear loss axis starting at step {@code firstX}. */
  public static LossPlot linear(
      String title, String xLabel, String yLabel, int firstX, double[] values) {
    return new LossPlot(title, xLabel, yLabel, firstX, values, false);
  }

  /** A curve on a logarithmic loss axis, for losses that fall by orders of magnitude. */
  public static LossPlot logarithmic(
      String title, String xLabel, String yLabel, int firstX, double[] values) {
    return new LossPlot(title, xLabel, yLabel, firstX, values, true);
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** The SVG document. */
  public String svg() {
    Axis x = Axis.linear(firstX, firstX + values.length - 1);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    Axis y = logScale ? Axis.logarithmic(lo, hi) : Axis.linear(lo, hi);
    double right = WIDTH - RIGHT;
    double bottom = HEIGHT - BOTTOM;

    StringBuilder s = new StringBuilder();
    s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
        + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    s.append(String.format(Locale.ROOT,
        "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    text(s, "title", WIDTH / 2.0, TOP / 2.0 + 5, "middle", 15, title, "");

    s.append("<g class=\"grid\" stroke=\"#dddddd\" stroke-width=\"1\">\n");
    for (double t : x.ticks()) {
      double px = map(x, t, LEFT, right);
      line(s, px, TOP, px, bottom);
    }
    for (double t : y.ticks()) {
      double py = map(y, t, bottom, TOP);
      line(s, LEFT, py, right, py);
    }
    s.append("</g>\n");

    s.append("<g class=\"axes\" stroke=\"black\" stroke-width=\"1\">\n");
    line(s, LEFT, bottom, right, bottom);
    line(s, LEFT, TOP, LEFT, bottom);
    s.append("</g>\n");

    s.append("<g class=\"tick-labels\">\n");
    for (double t : x.ticks()) {
      text(s, "x-tick", map(x, t, LEFT, right), bottom + 18, "middle", 12, x.label(t), "");
    }
    for (double t : y.ticks()) {
      text(s, "y-tick", LEFT - 8, map(y, t, bottom, TOP) + 4, "end", 12, y.label(t), "");
    }
    s.append("</g>\n");
    text(s, "x-label", (LEFT + right) / 2, HEIGHT - 14, "middle", 13, xLabel, "");
    double yMid = (TOP + bottom) / 2;
    text(s, "y-label", 18, yMid, "middle", 13, yLabel + (logScale ? " (log scale)" : ""),
        String.format(Locale.ROOT, " transform=\"rotate(-90 18 %.1f)\"", yMid));

    s.append("<polyline class=\"curve\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\""
        + " points=\"");
    List<Integer> drawn = drawnIndices(values.length);
    for (int k = 0; k < drawn.size(); k++) {
      int i = drawn.get(k);
      s.append(k == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f",
          map(x, firstX + i, LEFT, right), map(y, values[i], bottom, TOP)));
    }
    s.append("\"/>\n</svg>\n");
    return s.toString();
  }

  /**
   * Writes {@link #svg} to {@code name}{@code .svg} in {@link #directory()} (created if need be)
   * and returns the file, relative to the working directory when it lies below it.
   */
  public Path write(String name) {
    Path file = directory().resolve(name + ".svg");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, svg(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    Path here = Path.of("").toAbsolutePath();
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
  }

  /**
   * Writes the plot as {@link #write} does and returns the line a sample prints for it, {@code
   * "  plot      samples/target/plots/NAME.svg"} (the column of the timing summary's {@code
   * source}).
   */
  public String writeAndName(String name) {
    return "  plot      " + write(name).toString().replace('\\', '/');
  }

  /**
   * Where plots go: the system property {@code adjoint.samples.plots} if set, else {@code
   * samples/target/plots} from the repository's root, else {@code target/plots} (from the
   * samples module, as its tests run).
   */
  public static Path directory() {
    String set = System.getProperty("adjoint.samples.plots");
    if (set != null && !set.isBlank()) {
      return Path.of(set);
    }
    return Files.isDirectory(Path.of("samples", "target"))
        ? Path.of("samples", "target", "plots") : Path.of("target", "plots");
  }

  /** Every index when the series is short, else {@link #MAX_POINTS} spread evenly, ends kept. */
  private static List<Integer> drawnIndices(int n) {
    List<Integer> indices = new ArrayList<>();
    int count = Math.min(n, MAX_POINTS);
    for (int k = 0; k < count; k++) {
      indices.add((int) Math.round((double) k * (n - 1) / (count - 1)));
    }
    return indices;
  }

  /** {@code v} on {@code axis} mapped into pixels, {@code from} at its low end. */
  private static double map(Axis axis, double v, double from, double to) {
    return from + (to - from) * (axis.position(v) - axis.low()) / (axis.high() - axis.low());
  }

  private static void line(StringBuilder s, double x1, double y1, double x2, double y2) {
    s.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n", x1, y1, x2, y2));
  }

  private static void text(StringBuilder s, String cls, double x, double y, String anchor,
      int size, String content, String extra) {
    s.append(String.format(Locale.ROOT,
        "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s>"
            + "%s</text>%n",
        cls, x, y, anchor, size, extra, escape(content)));
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
