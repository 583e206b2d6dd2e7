package dev.adjoint.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A valid generated program made invalid: k (1 to 4) constructs the processor rejects, each one
 * line, inserted before random statements of the method under test. The processor must report
 * exactly k errors, one on each inserted line, and generate nothing: every problem of a method
 * is reported, each once, whichever phase finds it (the fence, the reader, the IR checks).
 */
final class RejectedConstructs {

  /** The program's source and the lines (1-based) where a construct was inserted. */
  record Mutant(Program program, String className, String source, Set<Integer> lines,
      List<String> inserted) {}

  private enum Kind {
    TRY(false, "try { } finally { }"),
    SYNCHRONIZED(false, "synchronized (%2$s.class) { }"),
    FIELD(false, "double %1$s = mutableField;"),
    RANDOM(false, "double %1$s = Math.random();"),
    FLOAT_LITERAL(false, "double %1$s = 1.5f;"),
    FALL_THROUGH(false, "switch (1) { case 0: int %1$s = 1; default: break; }"),
    OBJECT(false, "Object %1$s = null;"),
    /** A write into a static final table (IR check, after alias expansion). */
    TABLE_WRITE(true, "constantTable[0] = 2;"),
    /** An array written after a kernel whose derivative reads it again took it (IR check). */
    WRITE_AFTER_CALL(true, "{ double[] %1$s = new double[2]; double %1$sSum ="
        + " dev.adjoint.runtime.LinearAlgebra.squaredNorm(%1$s); %1$s[0] = 1; }"),
    /** An array rebound in a loop: stops lowering, so no other IR check can run with it. */
    REBOUND_IN_LOOP(true, "{ double[] %1$s = new double[1];"
        + " for (int %1$sI = 0; %1$sI < 2; %1$sI++) { %1$s = new double[1]; } }");

    final boolean ir;
    final String format;

    Kind(boolean ir, String format) {
      this.ir = ir;
      this.format = format;
    }
  }

  private RejectedConstructs() {}

  static Mutant insert(Program p, String className, long seed) {
    Random random = new Random(seed * 31 + 7);
    List<String> lines = new ArrayList<>(List.of(p.toJava(className).split("\n", -1)));
    List<Integer> candidates = statementLines(lines);
    int k = 1 + random.nextInt(4);
    List<Kind> kinds = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      boolean rebound = kinds.contains(Kind.REBOUND_IN_LOOP);
      if (kind.ir && (rebound || kind == Kind.REBOUND_IN_LOOP && kinds.stream()
          .anyMatch(x -> x.ir))) {
        kind = Kind.TRY; // a rebinding stops lowering: it is the method's only IR problem
      }
      kinds.add(kind);
    }
    // Insert from the bottom up, so earlier positions keep their meaning; at most one per line.
    List<Integer> at = new ArrayList<>();
    for (Kind ignored : kinds) {
      int line = candidates.get(random.nextInt(candidates.size()));
      if (!at.contains(line)) {
        at.add(line);
      }
    }
    at.sort((a, b) -> b - a);
    kinds = kinds.subList(0, at.size());
    List<String> inserted = new ArrayList<>();
    for (int i = 0; i < at.size(); i++) {
      int line = at.get(i);
      String indent = lines.get(line).replaceAll("^(\\s*).*$", "$1");
      String text = String.format(kinds.get(i).format, "rejected" + i, className);
      lines.add(line, indent + text);
      inserted.add(text);
    }
    int shift = 0;
    int decl = lines.indexOf("public final class " + className + " {");
    if (kinds.contains(Kind.FIELD)) {
      lines.add(decl + 1, "  static double mutableField = 1;");
      shift++;
    }
    if (kinds.contains(Kind.TABLE_WRITE)) {
      lines.add(decl + 1, "  static final double[] constantTable = {1.0};");
      shift++;
    }
    // Inserted lines: each insertion moved the ones below it (inserted earlier) down by one.
    Set<Integer> numbers = new TreeSet<>();
    for (int i = 0; i < at.size(); i++) {
      int index = at.get(i) + (at.size() - 1 - i);
      numbers.add(index + shift + 1);
    }
    return new Mutant(p, className, String.join("\n", lines), numbers, inserted);
  }

  /**
   * Indices of lines that begin a statement of the method under test, {@link Program#MAIN}: one
   * ending with ';' after a line that ended a statement or opened a block.
   */
  private static List<Integer> statementLines(List<String> lines) {
    List<Integer> out = new ArrayList<>();
    boolean inMain = false;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.contains(" double " + Program.MAIN + "(")) {
        inMain = true;
        continue;
      }
      if (inMain && lines.get(i).equals("  }")) {
        break;
      }
      String previous = lines.get(i - 1).trim();
      boolean starts = previous.endsWith(";") || previous.endsWith("{")
          || previous.endsWith("}");
      if (inMain && line.endsWith(";") && starts && !line.startsWith("}")) {
        out.add(i);
      }
    }
    return out;
  }
}
