package dev.adjoint.samples.finance;

import dev.adjoint.Differentiable;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The Black–Scholes price of a European call, and its sensitivities ("greeks") from one
 * generated pullback: delta {@code ∂C/∂S}, vega {@code ∂C/∂σ}, rho {@code ∂C/∂r} and the
 * maturity sensitivity {@code ∂C/∂T} (theta is its negative), printed against the textbook
 * closed forms.
 *
 * <p>The normal distribution function is not in {@code java.lang.Math}, so it is written here
 * ({@link #normCdf}) with its derivative beside it ({@link #normCdfPullback}, the density): a
 * pullback following the kernels' convention makes any static function callable from
 * {@code @Differentiable} code, differentiated exactly rather than through its series.
 */
public final class BlackScholes {
  /** {@code log √(2π)}. */
  private static final double LOG_SQRT_2PI = 0.91893853320467274178;

  private BlackScholes() {}

  /** The price of a European call on a non-dividend-paying stock. */
  @Differentiable(wrt = {"spot", "maturity", "rate", "volatility"})
  public static double callPrice(
      double spot, double strike, double maturity, double rate, double volatility) {
    double sqrtT = Math.sqrt(maturity);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * maturity)
        / (volatility * sqrtT);
    double d2 = d1 - volatility * sqrtT;
    return spot * normCdf(d1) - strike * Math.exp(-rate * maturity) * normCdf(d2);
  }

  /**
   * The standard normal distribution function Φ, by Marsaglia's series {@code Φ(x) = ½ + φ(x)
   * (x + x³/3 + x⁵/(3·5) + …)}: absolute error about 1e-15.
   */
  public static double normCdf(double x) {
    if (x < -9) {
      return 0;
    }
    if (x > 9) {
      return 1;
    }
    double x2 = x * x;
    double term = x;
    double sum = x;
    for (int i = 3; sum + term != sum; i += 2) {
      term *= x2 / i;
      sum += term;
    }
    return 0.5 + sum * Math.exp(-0.5 * x2 - LOG_SQRT_2PI);
  }

  /** Φ's pullback: {@code x̄ = resultBar · φ(x)}, the density. */
  public static double normCdfPullback(double x, double result, double resultBar) {
    return resultBar * normPdf(x);
  }

  static double normPdf(double x) {
    return Math.exp(-0.5 * x * x - LOG_SQRT_2PI);
  }

  /** The closed forms the greeks are checked against. */
  record Greeks(double delta, double dMaturity, double rho, double vega) {
    static Greeks closedForm(double s, double k, double t, double r, double sigma) {
      double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / (sigma * Math.sqrt(t));
      double d2 = d1 - sigma * Math.sqrt(t);
      double discount = Math.exp(-r * t);
      return new Greeks(
          normCdf(d1),
          s * normPdf(d1) * sigma / (2 * Math.sqrt(t)) + r * k * discount * normCdf(d2),
          k * t * discount * normCdf(d2),
          s * normPdf(d1) * Math.sqrt(t));
    }
  }

  /** Prices one option and prints the generated greeks beside the closed forms. */
  public static void run(Consumer<String> out) {
    double spot = 100;
    double strike = 95;
    double maturity = 0.75;
    double rate = 0.03;
    double volatility = 0.25;
    var g = BlackScholesAdjoint.callPrice(spot, strike, maturity, rate, volatility);
    Greeks exact = Greeks.closedForm(spot, strike, maturity, rate, volatility);
    out.accept(String.format(Locale.ROOT, "Black-Scholes call, S = %.0f, K = %.0f, T = %.2f,"
        + " r = %.2f, sigma = %.2f: price %.10f", spot, strike, maturity, rate, volatility,
        g.value()));
    out.accept(line("delta  dC/dS    ", g.dSpot(), exact.delta()));
    out.accept(line("vega   dC/dsigma", g.dVolatility(), exact.vega()));
    out.accept(line("rho    dC/dr    ", g.dRate(), exact.rho()));
    out.accept(line("theta  -dC/dT   ", -g.dMaturity(), -exact.dMaturity()));
  }

  private static String line(String name, double generated, double closedForm) {
    return String.format(Locale.ROOT, "  %s generated %15.10f  closed form %15.10f  (rel. diff"
        + " %.1e)", name, generated, closedForm,
        Math.abs(generated - closedForm) / Math.max(1e-300, Math.abs(closedForm)));
  }
}
