package dev.adjoint.processor.fuzz;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles many programs in one javac run, each as its own class {@code adjfuzz.P<n>} (so an
 * error in one program, which stops Adjoint from generating that class only, is attributed to
 * it), optionally with its instrumented twin {@code adjfuzz.P<n>T}. Programs whose compilation
 * fails are reported with a {@link Failure}; the rest are recompiled without them and loaded.
 */
final class BatchCompiler {

  static final String ANALYSES_OFF = "-Aadjoint.analyses=off";
  /**
   * Also on the analyses-off pass: the chain-rule notes only add comments, so every program
   * checks for free that writing them never throws or breaks the generated code.
   */
  static final String CHAIN_RULE = "-Aadjoint.comments=chain-rule";

  /**
   * With analyses off, every loop nest the emitter can make a method of its own is one (the
   * default splits only large pullbacks, which generated programs seldom are), so each program
   * is checked written both ways.
   */
  static final String LOOP_METHODS = "-Aadjoint.loopMethods=8";

  private static final Pattern UNIT = Pattern.compile("/P(\\d+)(Adjoint|T)?\\.java$");

  private BatchCompiler() {}

  /** A program's compiled classes. */
  record Loaded(Class<?> original, Class<?> adjoint, Class<?> trace, String adjointSource) {}

  /** Per program (by position in the input list): classes, or why there are none. */
  record Result(Map<Integer, Loaded> loaded, Map<Integer, Failure> failures) {}

  static String className(int n) {
    return "P" + n;
  }

  /**
   * Compiles {@code programs} (null entries are skipped) with or without Adjoint's analyses; the
   * trace twins too when {@code withTrace}.
   */
  static Result compile(List<Program> programs, boolean analysesOn, boolean withTrace) {
    List<List<JavaSource>> units = new ArrayList<>();
    for (int i = 0; i < programs.size(); i++) {
      Program p = programs.get(i);
      if (p == null) {
        units.add(null);
        continue;
      }
      List<JavaSource> sources = new ArrayList<>();
      sources.add(new JavaSource(Program.PACKAGE + "." + className(i), p.toJava(className(i))));
      if (withTrace) {
        sources.add(new JavaSource(Program.PACKAGE + "." + className(i) + "T",
            p.toTraceJava(className(i) + "T")));
      }
      units.add(sources);
    }
    return compileUnits(units, analysesOn, withTrace);
  }

  /**
   * Compiles hand-written sources: entry {@code i} is the full text of class {@code
   * adjfuzz.P<i>}.
   */
  static Result compileTexts(List<String> texts, boolean analysesOn) {
    List<List<JavaSource>> units = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      units.add(List.of(new JavaSource(Program.PACKAGE + "." + className(i), texts.get(i))));
    }
    return compileUnits(units, analysesOn, false);
  }

  private static Result compileUnits(List<List<JavaSource>> programs, boolean analysesOn,
      boolean withTrace) {
    Map<Integer, Failure> failures = new LinkedHashMap<>();
    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < programs.size(); i++) {
      if (programs.get(i) != null) {
        remaining.add(i);
      }
    }
    for (int attempt = 0; attempt < 4 && !remaining.isEmpty(); attempt++) {
      Outcome o = compileOnce(programs, remaining, analysesOn, withTrace);
      if (o.loaded != null) {
        return new Result(o.loaded, failures);
      }
      if (o.perUnit.isEmpty()) {
        break; // a failure we cannot attribute: compile one by one
      }
      failures.putAll(o.perUnit);
      remaining.removeAll(o.perUnit.keySet());
    }
    Map<Integer, Loaded> loaded = new HashMap<>();
    if (remaining.isEmpty()) {
      return new Result(loaded, failures);
    }
    for (int i : remaining) {
      Outcome o = compileOnce(programs, List.of(i), analysesOn, withTrace);
      if (o.loaded != null) {
        loaded.putAll(o.loaded);
      } else if (o.perUnit.containsKey(i)) {
        failures.put(i, o.perUnit.get(i));
      } else {
        failures.put(i, o.unattributed);
      }
    }
    return new Result(loaded, failures);
  }

  /**
   * Compiles {@code programs} without annotation processing; returns the positions of those that
   * are not valid Java (the shrinker's first filter).
   */
  static List<Integer> invalidJava(List<Program> programs) {
    List<JavaSource> sources = new ArrayList<>();
    for (int i = 0; i < programs.size(); i++) {
      sources.add(new JavaSource(Program.PACKAGE + "." + className(i),
          programs.get(i).toJava(className(i))));
    }
    Compilation c = InProcessCompiler.create().withOptions("-proc:none", "-Xmaxerrs", "10000")
        .compileRaw(sources);
    List<Integer> bad = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      int unit = unitOf(d);
      if (unit < 0) {
        // unattributable: treat all as suspicious, check one by one
        bad.clear();
        for (int i = 0; i < programs.size(); i++) {
          if (!invalidJava(List.of(programs.get(i))).isEmpty()) {
            bad.add(i);
          }
        }
        return bad;
      }
      if (!bad.contains(unit)) {
        bad.add(unit);
      }
    }
    return bad;
  }

  private static final class Outcome {
    Map<Integer, Loaded> loaded;
    final Map<Integer, Failure> perUnit = new LinkedHashMap<>();
    Failure unattributed;
  }

  private static Outcome compileOnce(List<List<JavaSource>> programs, List<Integer> units,
      boolean analysesOn, boolean withTrace) {
    List<JavaSource> sources = new ArrayList<>();
    for (int i : units) {
      sources.addAll(programs.get(i));
    }
    InProcessCompiler compiler = InProcessCompiler.create().withOptions("-Xmaxerrs", "10000");
    if (!analysesOn) {
      compiler.withOptions(ANALYSES_OFF, CHAIN_RULE, LOOP_METHODS);
    }
    Outcome out = new Outcome();
    Compilation c;
    try {
      c = compiler.compileRaw(sources);
    } catch (RuntimeException | Error e) {
      out.unattributed = new Failure(Failure.Kind.CRASH, e.getClass().getSimpleName(),
          "javac or the processor threw:\n" + stackTrace(e));
      return out;
    }
    if (c.status() == Compilation.Status.SUCCESS) {
      out.loaded = load(c, units, withTrace);
      return out;
    }
    StringBuilder unattributed = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      int unit = unitOf(d);
      String message = d.getMessage(null);
      if (unit < 0 || !units.contains(unit)) {
        unattributed.append(describe(d)).append('\n');
        continue;
      }
      Failure f = classify(d, message);
      Failure previous = out.perUnit.get(unit);
      out.perUnit.put(unit, previous == null ? f : previous.withMoreDetail(describe(d)));
    }
    // show the generated code that does not compile
    for (Map.Entry<Integer, Failure> e : out.perUnit.entrySet()) {
      if (e.getValue().kind() == Failure.Kind.GENERATED_CODE_ERROR) {
        // javac keeps no generated sources after errors: generate again, without compiling
        String name = Program.PACKAGE + "." + className(e.getKey()) + "Adjoint";
        String text;
        try {
          InProcessCompiler only = InProcessCompiler.create().withOptions("-proc:only");
          if (!analysesOn) {
            only.withOptions(ANALYSES_OFF, CHAIN_RULE, LOOP_METHODS);
          }
          text = only.compileRaw(programs.get(e.getKey())).generatedSourceFile(name)
              .map(BatchCompiler::text).orElse(null);
        } catch (RuntimeException ex) {
          text = null;
        }
        if (text != null) {
          e.setValue(e.getValue().withMoreDetail("---- generated " + name + " ----\n"
              + numbered(text)));
        }
      }
    }
    if (out.perUnit.isEmpty()) {
      out.unattributed = new Failure(Failure.Kind.CRASH, "unattributed",
          "compilation failed without an error in a program's file:\n" + unattributed);
    }
    return out;
  }

  private static Failure classify(Diagnostic<? extends JavaFileObject> d, String message) {
    String file = d.getSource().getName();
    Matcher m = UNIT.matcher(file);
    m.find();
    String suffix = m.group(2);
    String text = describe(d);
    if ("Adjoint".equals(suffix)) {
      return new Failure(Failure.Kind.GENERATED_CODE_ERROR, d.getCode(),
          "the generated code does not compile:\n" + text);
    }
    if ("T".equals(suffix)) {
      return new Failure(Failure.Kind.INVALID_JAVA, d.getCode(),
          "the instrumented twin does not compile (a generator bug):\n" + text);
    }
    Matcher tag = Pattern.compile("\\[adjoint\\.([a-z.]+)\\]").matcher(message);
    if (tag.find()) {
      String t = tag.group(1);
      if (t.equals("internal")) {
        Matcher ex = Pattern.compile("\\(([\\w.$]+(Exception|Error))").matcher(message);
        return new Failure(Failure.Kind.INTERNAL, "internal:" + (ex.find() ? ex.group(1) : ""),
            "the processor threw:\n" + text);
      }
      return new Failure(Failure.Kind.REJECTED, t,
          "the processor rejected a program in the supported subset:\n" + text);
    }
    return new Failure(Failure.Kind.INVALID_JAVA, d.getCode(),
        "the generated program is not valid Java (a generator bug):\n" + text);
  }

  private static int unitOf(Diagnostic<? extends JavaFileObject> d) {
    if (d.getSource() == null) {
      return -1;
    }
    Matcher m = UNIT.matcher(d.getSource().getName());
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  private static String describe(Diagnostic<? extends JavaFileObject> d) {
    String where = d.getSource() == null ? ""
        : d.getSource().getName().replaceFirst(".*/", "") + ":" + d.getLineNumber() + ":"
            + d.getColumnNumber() + ": ";
    return where + d.getKind() + ": " + d.getMessage(null);
  }

  static String stackTrace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    String s = w.toString();
    return s.length() > 4000 ? s.substring(0, 4000) + "\n..." : s;
  }

  // ---------------------------------------------------------------------------------------------

  private static Map<Integer, Loaded> load(Compilation c, List<Integer> units, boolean withTrace) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      int at = path.indexOf("CLASS_OUTPUT/");
      String rel = at >= 0 ? path.substring(at + "CLASS_OUTPUT/".length()) : path;
      String name = rel.replaceFirst("\\.class$", "").replace('/', '.');
      try (InputStream in = f.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    MemoryLoader loader = new MemoryLoader(classes, BatchCompiler.class.getClassLoader());
    Map<Integer, Loaded> out = new HashMap<>();
    for (int i : units) {
      String name = Program.PACKAGE + "." + className(i);
      String source = c.generatedSourceFile(name + "Adjoint").map(BatchCompiler::text)
          .orElse("(no generated source)");
      out.put(i, new Loaded(loader.get(name), loader.find(name + "Adjoint").orElse(null),
          withTrace ? loader.get(name + "T") : null, source));
    }
    return out;
  }

  private static String numbered(String text) {
    StringBuilder sb = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      sb.append(String.format("%4d  %s%n", i + 1, lines[i]));
    }
    return sb.toString();
  }

  private static String text(JavaFileObject f) {
    try {
      return f.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Defines the compiled classes on demand, child-first. */
  private static final class MemoryLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    MemoryLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super(parent);
      this.classes = classes;
    }

    Class<?> get(String name) {
      return find(name).orElseThrow(() -> new AssertionError("no class " + name));
    }

    Optional<Class<?>> find(String name) {
      if (!classes.containsKey(name)) {
        return Optional.empty();
      }
      try {
        return Optional.of(loadClass(name));
      } catch (ClassNotFoundException e) {
        return Optional.empty();
      }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && classes.containsKey(name)) {
          byte[] b = classes.get(name);
          c = defineClass(name, b, 0, b.length);
        }
        if (c == null) {
          return super.loadClass(name, resolve);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
