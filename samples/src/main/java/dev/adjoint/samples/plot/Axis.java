package dev.adjoint.samples.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a {@link LossPlot}: its range, rounded out to whole ticks, and the ticks. Positions
 * are the values themselves on a linear axis and their base-10 logarithms on a logarithmic one.
 *
 * @param low the position of the axis' low end
 * @param high the position of its high end
 * @param step the distance between ticks, in positions
 * @param logScale whether positions are logarithms
 */
record Axis(double low, double high, double step, boolean logScale) {

  /** Ticks 1, 2 or 5 times a power of ten apart, about five of them, covering {@code [lo, hi]}. */
  static Axis linear(double lo, double hi) {
    if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
      double pad = Math.max(1e-9, 0.1 * Math.abs(hi));
      lo -= pad;
      hi += pad;
    }
    double raw = (hi - lo) / 5;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw <= power ? power : raw <= 2 * power ? 2 * power
        : raw <= 5 * power ? 5 * power : 10 * power;
    return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step, false);
  }

  /** Whole decades covering {@code [lo, hi]} (both positive), a tick every decade or few. */
  static Axis logarithmic(double lo, double hi) {
    double low = Math.floor(Math.log10(lo));
    double high = Math.max(Math.ceil(Math.log10(hi)), low + 1);
    return new Axis(low, high, Math.ceil((high - low) / 8), true);
  }

  /** Where {@code value} sits on this axis. */
  double position(double value) {
    return logScale ? Math.log10(value) : value;
  }

  /** The tick values (not positions), low to high. */
  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    int count = (int) Math.round((high - low) / step);
    for (int k = 0; k <= count; k++) {
      double p = low + k * step;
      ticks.add(logScale ? Math.pow(10, Math.round(p)) : p);
    }
    return ticks;
  }

  /** A tick's label: as many decimals as the step needs; decades outside 0.01–1000 as 1e-5. */
  String label(double tick) {
    if (logScale) {
      long exponent = Math.round(Math.log10(tick));
      return exponent < -2 || exponent > 3 ? "1e" + exponent
          : BigDecimal.ONE.scaleByPowerOfTen((int) exponent).toPlainString();
    }
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    String label = String.format(Locale.ROOT, "%." + decimals + "f", tick);
    return label.matches("-0(\\.0*)?") ? label.substring(1) : label;
  }
}
