package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Program.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program's main method rewritten to take some of its parameters in a record: {@code f(double
 * a, double[] v, int n)} becomes {@code f(Params rec, int n)} with {@code record Params(double
 * a, double[] v)}, every {@code a} of the body read as {@code rec.a()}. Only parameters the body
 * never assigns are packed (a record's components are final); writes into their elements stay.
 * Its gradient must be the flat program's, component for component ({@link RecordFormTest}).
 *
 * @param source the rewritten class
 * @param packed the parameters in the record, in declaration order
 * @param record the record parameter's name
 */
record RecordForm(String source, List<Param> packed, String record) {
  static final String RECORD_TYPE = "Params";

  /** The record form of {@code p} as class {@code className}, if it has one. */
  static Optional<RecordForm> of(Program p, String className, Random r) {
    Program.Method main = p.main();
    if (p.instance() || main.wrt() != null) {
      return Optional.empty();
    }
    String src = p.toJava(className);
    Matcher sig = Pattern.compile("(?m)^(  public static double " + Program.MAIN
        + "\\()(.*)(\\) \\{)$").matcher(src);
    if (!sig.find() || sig.group(2).contains("@")) {
      return Optional.empty();
    }
    int bodyStart = sig.end();
    int bodyEnd = src.indexOf("\n  }\n", bodyStart);
    String body = src.substring(bodyStart, bodyEnd);
    String record = "rec";
    while (Pattern.compile("\\b" + record + "\\b").matcher(src).find()) {
      record += "x";
    }
    List<Param> packed = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (Param param : main.params()) {
      boolean candidate = !assigned(body, param.name()) && r.nextInt(4) != 0;
      if (candidate) {
        packed.add(param);
      } else {
        kept.add(param.type().java + " " + param.name());
      }
    }
    if (packed.stream().noneMatch(q -> q.type().differentiable())) {
      return Optional.empty();
    }
    for (Param q : packed) {
      body = body.replaceAll("(?<![.\\w])" + q.name() + "(?![\\w(])",
          Matcher.quoteReplacement(record + "." + q.name() + "()"));
    }
    List<String> components = packed.stream().map(q -> q.type().java + " " + q.name()).toList();
    kept.add(0, RECORD_TYPE + " " + record);
    String out = src.substring(0, sig.start()) + sig.group(1) + String.join(", ", kept)
        + sig.group(3) + body + src.substring(bodyEnd);
    int last = out.lastIndexOf("}");
    out = out.substring(0, last) + "\n  public record " + RECORD_TYPE + "("
        + String.join(", ", components) + ") {}\n}\n";
    return Optional.of(new RecordForm(out, List.copyOf(packed), record));
  }

  /** Whether {@code body} assigns {@code name} itself (not an element of it). */
  private static boolean assigned(String body, String name) {
    String n = "(?<![.\\w])" + name + "(?!\\w)";
    return Pattern.compile(n + "\\s*([-+*/%]?=(?!=)|\\+\\+|--)").matcher(body).find()
        || Pattern.compile("(\\+\\+|--)\\s*" + n).matcher(body).find()
        || Pattern.compile("=\\s*" + n + "\\s*=(?!=)").matcher(body).find();
  }
}
