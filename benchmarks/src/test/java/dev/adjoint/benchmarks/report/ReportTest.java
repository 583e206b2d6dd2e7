package dev.adjoint.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static String result(String benchmark, String dk, double score, double error) {
    return """
        {"benchmark": "dev.adjoint.benchmarks.gradbench.%s", "params": {"dk": "%s"},
         "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "us/op"},
         "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 1024.0}}}
        """.formatted(benchmark, dk, score, error);
  }

  @Test
  void oneRowPerParameterSetWithRatiosAndTheirErrors() throws Exception {
    JsonNode json = new ObjectMapper().readTree("[" + String.join(",",
        result("GmmBenchmark.primal", "2x5", 100, 10),
        result("GmmBenchmark.generated", "2x5", 300, 30),
        result("GmmBenchmark.handWritten", "2x5", 200, 0),
        result("GmmOtherToolsBenchmark.finmath", "2x5", 6000, 0),
        result("GmmBenchmark.primal", "10x5", 2000, 0)) + "]");
    String md = Report.render(json, Map.of("Gmm dk=2x5", new String[] {"4,096", "180"}), "");
    String row = md.lines().filter(l -> l.startsWith("| Gmm dk=2x5")).findFirst().orElseThrow();
    // 300 / 100 = 3 with relative errors 0.1 and 0.1 in quadrature: 3 · 0.1414 = 0.42.
    assertEquals("| Gmm dk=2x5 | 100 µs | 300 µs | 3.00 ± 0.42 | 1.50 ± 0.15 | 20.0 ± 2.0 |  |  "
        + "| 1,024 | 4,096 | 180 |", row);
    assertTrue(md.contains("| Gmm dk=10x5 | 2.00 ms |  |  |"), md);
  }
}
