package dev.adjoint.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code BENCHMARKS.md} from a JMH JSON result file ({@code -rf json}) and, optionally,
 * the warm-up probe's TSV: one row per benchmark and parameter set, with the ratios a reader
 * wants (gradient ÷ primal, generated ÷ hand-written, ÷ finmath-lib, ÷ Hipparchus, ÷ finite
 * differences), each with its error bar, and the generated gradient's allocation per call.
 * Every ratio comes from one run, so both sides saw the same machine.
 *
 * <p>A class {@code XOtherToolsBenchmark} adds its columns to {@code XBenchmark}'s rows (the
 * other tools run at fewer sizes). Benchmark methods are recognised by name: {@code primal}, {@code generated},
 * {@code handWritten}, {@code finmath}, {@code hipparchus}, {@code finiteDifferences}.
 */
public final class Report {
  private static final String ALLOC = "gc.alloc.rate.norm";

  private Report() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: Report <jmh.json> <BENCHMARKS.md> [probe.tsv] [command]");
      System.exit(2);
    }
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    Map<String, String[]> probe = args.length > 2 && Files.exists(Path.of(args[2]))
        ? Probes.read(Path.of(args[2])) : Map.of();
    String command = args.length > 3 ? args[3] : "";
    Files.writeString(Path.of(args[1]), render(results, probe, command));
  }

  /** Scores by row ("Gmm d=2 k=5") and method name, rows in the order JMH ran them. */
  static Map<String, Map<String, JsonNode>> rows(JsonNode results) {
    Map<String, Map<String, JsonNode>> rows = new LinkedHashMap<>();
    for (JsonNode r : results) {
      String full = r.get("benchmark").asText();
      int dot = full.lastIndexOf('.');
      String method = full.substring(dot + 1);
      String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot)
          .replace("OtherToolsBenchmark", "").replace("Benchmark", "");
      StringBuilder row = new StringBuilder(cls);
      JsonNode params = r.get("params");
      if (params != null) {
        Map<String, String> sorted = new TreeMap<>();
        params.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        sorted.forEach((k, v) -> row.append(' ').append(k).append('=').append(v));
      }
      rows.computeIfAbsent(row.toString(), k -> new LinkedHashMap<>()).put(method, r);
    }
    return rows;
  }

  static String render(JsonNode results, Map<String, String[]> probe, String command) {
    StringBuilder out = new StringBuilder();
    out.append("# Benchmarks\n\n");
    out.append("Written by `dev.adjoint.benchmarks.report.Report` from one JMH run");
    if (!command.isEmpty()) {
      out.append(":\n\n```\n").append(command).append("\n```\n\n");
    } else {
      out.append(".\n\n");
    }
    out.append("Times are JMH averages per call; a ratio's error bar combines both sides' 99.9 %"
        + " intervals. \"gradient\" is the generated pullback (value and gradient in one call)."
        + " Ratios above 1 in the last columns mean the other tool is slower than ours.\n\n");
    out.append("| benchmark | primal | gradient | gradient ÷ primal | generated ÷ hand-written"
        + " | finmath ÷ generated | Hipparchus ÷ generated | FD ÷ generated | generated B/op"
        + " | stack bytes/call | calls to steady state |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Map<String, JsonNode>> row : rows(results).entrySet()) {
      Map<String, JsonNode> m = row.getValue();
      Score primal = score(m.get("primal"));
      Score gen = score(m.get("generated"));
      String unit = m.values().iterator().next().get("primaryMetric").get("scoreUnit").asText();
      String[] p = probe.getOrDefault(row.getKey(), new String[] {"", ""});
      List<String> cells = new ArrayList<>();
      cells.add(row.getKey());
      cells.add(primal == null ? "" : time(primal, unit));
      cells.add(gen == null ? "" : time(gen, unit));
      cells.add(ratio(gen, primal));
      cells.add(ratio(gen, score(m.get("handWritten"))));
      cells.add(ratio(score(m.get("finmath")), gen));
      cells.add(ratio(score(m.get("hipparchus")), gen));
      cells.add(ratio(score(m.get("finiteDifferences")), gen));
      cells.add(bytes(m.get("generated")));
      cells.add(p[0]);
      cells.add(p[1]);
      out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    return out.toString();
  }

  private static Score score(JsonNode r) {
    if (r == null) {
      return null;
    }
    JsonNode pm = r.get("primaryMetric");
    return new Score(pm.get("score").asDouble(), pm.get("scoreError").asDouble(Double.NaN));
  }

  private static String ratio(Score a, Score b) {
    return a == null || b == null ? "" : a.over(b).ratio();
  }

  /** {@code 812 µs}, {@code 23.4 ms}: three significant digits in a unit that fits. */
  static String time(Score s, String unit) {
    String[] units = {"ns", "µs", "ms", "s"};
    int u = java.util.Arrays.asList(units).indexOf(unit.replace("/op", "").replace("us", "µs"));
    double v = s.value();
    while (u >= 0 && u < units.length - 1 && v >= 1000) {
      v /= 1000;
      u++;
    }
    String digits = v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, digits, v) + " " + (u >= 0 ? units[u] : unit);
  }

  private static String bytes(JsonNode r) {
    if (r == null || r.get("secondaryMetrics") == null
        || r.get("secondaryMetrics").get(ALLOC) == null) {
      return "";
    }
    return String.format(Locale.ROOT, "%,.0f",
        r.get("secondaryMetrics").get(ALLOC).get("score").asDouble());
  }
}
