package dev.adjoint.processor.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pullback formulas of the common {@code LinearAlgebra} kernels (from their Javadoc), as
 * templates over the pullback call's arguments: {@code {i}} is argument {@code i} in math
 * notation. Each term names the adjoint argument it adds to; a term whose adjoint is passed as
 * {@code null} (not wanted) is left out.
 */
final class KernelNotes {
  /** Kernel pullback → its terms, each {@code adjointArgument, formula}. */
  private static final Map<String, String[]> TERMS = Map.ofEntries(
      Map.entry("matVecPullback",
          new String[] {"4", "{4} += {3} {1}ᵀ", "5", "{5} += {0}ᵀ {3}"}),
      Map.entry("vecMatPullback", new String[] {"4", "{4} += {1} {3}", "5", "{5} += {0} {3}ᵀ"}),
      Map.entry("matMulPullback",
          new String[] {"4", "{4} += {3} {1}ᵀ", "5", "{5} += {0}ᵀ {3}"}),
      Map.entry("outerPullback", new String[] {"4", "{4} += {3} {1}", "5", "{5} += {3}ᵀ {0}"}),
      Map.entry("dotPullback", new String[] {"4", "{4} += {3}·{1}", "5", "{5} += {3}·{0}"}),
      Map.entry("addPullback", new String[] {"4", "{4} += {3}", "5", "{5} += {3}"}),
      Map.entry("subPullback", new String[] {"4", "{4} += {3}", "5", "{5} −= {3}"}),
      Map.entry("hadamardPullback",
          new String[] {"4", "{4} += {3} ∘ {1}", "5", "{5} += {3} ∘ {0}"}),
      Map.entry("squaredNormPullback", new String[] {"3", "{3} += 2 {2}·{0}"}),
      Map.entry("sumPullback", new String[] {"3", "{3}_i += {2}"}),
      Map.entry("tanhPullback", new String[] {"3", "{3}_i += {2}_i·(1 − {1}_i²)"}),
      Map.entry("sigmoidPullback", new String[] {"3", "{3}_i += {2}_i·{1}_i(1 − {1}_i)"}),
      Map.entry("expPullback", new String[] {"3", "{3}_i += {2}_i·{1}_i"}),
      Map.entry("logPullback", new String[] {"3", "{3}_i += {2}_i / {0}_i"}));

  private KernelNotes() {}

  /** The note of a kernel pullback call with these arguments in math notation; null if none. */
  static String of(String pullback, List<String> args) {
    String[] terms = TERMS.get(pullback);
    if (terms == null || args.contains(null)) {
      return null;
    }
    List<String> kept = new ArrayList<>();
    for (int t = 0; t < terms.length; t += 2) {
      int adjoint = Integer.parseInt(terms[t]);
      if (adjoint >= args.size()) {
        return null;
      }
      if (!args.get(adjoint).equals("null")) {
        String term = terms[t + 1];
        for (int i = 0; i < args.size(); i++) {
          term = term.replace("{" + i + "}", args.get(i));
        }
        kept.add(term);
      }
    }
    return kept.isEmpty() ? null : "// " + String.join(", ", kept);
  }
}
