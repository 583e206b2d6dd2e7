package dev.adjoint.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The warm-up probe's TSV: row name, stack bytes per call, calls to steady state. */
final class Probes {
  private Probes() {
  }

  static Map<String, String[]> read(Path tsv) throws IOException {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(tsv)) {
      String[] f = line.split("\t");
      if (f.length == 3 && !line.startsWith("#")) {
        out.put(f[0], new String[] {f[1], f[2]});
      }
    }
    return out;
  }
}
