package dev.adjoint.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link RecordForm} whose main method passes its record on: the body moves into a plain
 * helper taking the same parameters, and the main method calls it, either as it is ({@code
 * return fBody(rec, n);}), or with the record a second time, the helper reading some of its
 * components through each ({@code fBody(rec, rec, n)}). Its gradient must be the flat
 * program's ({@link RecordFormTest}).
 */
final class RecordPassingForm {
  private RecordPassingForm() {}

  /**
   * What a helper's body must not do: store into an array element, fill or copy, call a
   * helper writing into its arrays ({@link WritingHelpers}: a callee writing its arrays is
   * refused), or call the stateful helper (a callee's pullback runs its
   * body again, so the helper would run more often than in the flat program).
   */
  private static final Pattern REFUSED = Pattern.compile(
      "\\]\\s*([-+*/%]?=(?!=)|\\+\\+|--)|(\\+\\+|--)\\s*[\\w.()]+\\[|fill\\(|arraycopy\\("
      + "|\\btick\\(|\\bwr[A-Z]\\w*\\(");

  /** The delegating form of {@code form}'s source, if its body may be a callee's. */
  static Optional<String> of(RecordForm form, Random r) {
    String src = form.source();
    Matcher sig = Pattern.compile("(?m)^  @Differentiable\\n  public static double "
        + Program.MAIN + "\\((" + RecordForm.RECORD_TYPE + " " + form.record()
        + "(?:, [^)]*)?)\\) \\{$").matcher(src);
    if (!sig.find()) {
      return Optional.empty();
    }
    int bodyEnd = src.indexOf("\n  }\n", sig.end());
    String body = src.substring(sig.end(), bodyEnd);
    if (REFUSED.matcher(body).find()) {
      return Optional.empty();
    }
    String helper = Program.MAIN + "Body";
    String second = form.record() + "2";
    while (Pattern.compile("\\b(" + helper + "|" + second + ")\\b").matcher(src).find()) {
      helper += "x";
      second += "x";
    }
    String params = sig.group(1);
    List<String> names = new ArrayList<>();
    for (String p : params.split(", ")) {
      names.add(p.substring(p.lastIndexOf(' ') + 1));
    }
    String args = String.join(", ", names);
    String call;
    String helperParams;
    if (r.nextBoolean()) {
      call = "return " + helper + "(" + args + ");";
      helperParams = params;
    } else {
      // The record twice: the helper reads some components through one, some through the other.
      String rest = args.substring(form.record().length());
      call = "return " + helper + "(" + form.record() + ", " + form.record() + rest + ");";
      Matcher reads = Pattern.compile("(?<![.\\w])" + form.record() + "\\.").matcher(body);
      StringBuilder mixed = new StringBuilder();
      while (reads.find()) {
        reads.appendReplacement(mixed, r.nextBoolean() ? second + "." : reads.group());
      }
      body = reads.appendTail(mixed).toString();
      helperParams = RecordForm.RECORD_TYPE + " " + form.record() + ", "
          + RecordForm.RECORD_TYPE + " " + second + params.substring(
              (RecordForm.RECORD_TYPE + " " + form.record()).length());
    }
    String out = src.substring(0, sig.start())
        + "  @Differentiable\n  public static double " + Program.MAIN + "(" + params + ") {\n"
        + "    " + call + "\n  }\n\n"
        + "  static double " + helper + "(" + helperParams + ") {" + body
        + src.substring(bodyEnd);
    return Optional.of(out);
  }
}
