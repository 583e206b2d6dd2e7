package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.fuzz.Program.Param;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random programs with parameters packed into a record ({@link RecordForm}): the record form's
 * value and gradient (its storage's fields) must equal the flat program's, which {@link
 * RandomProgramTest} checks against finite differences. Analyses on and off;
 * {@code -Dadjoint.fuzz.recordPrograms=N} runs more than the default 40.
 */
class RecordFormTest {
  private static final int BATCH = 20;

  @Test
  void recordFormsMatchFlatPrograms() {
    run("R", false);
  }

  /** The record passed on to a helper holding the body ({@link RecordPassingForm}). */
  @Test
  void recordsPassedToHelpersMatchFlatPrograms() {
    run("P", true);
  }

  private static void run(String prefix, boolean passing) {
    long master = Long.getLong("adjoint.fuzz.seed", RandomProgramTest.DEFAULT_SEED) ^ 0x5EC0DL
        ^ (passing ? 0x9A55L : 0);
    int count = Integer.getInteger("adjoint.fuzz.recordPrograms", 40);
    Random seeds = new Random(master);
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (int start = 0; start < count; start += BATCH) {
      List<Program> programs = new ArrayList<>();
      List<RecordForm> forms = new ArrayList<>();
      List<JavaSource> sources = new ArrayList<>();
      while (programs.size() < Math.min(BATCH, count - start)) {
        long seed = seeds.nextLong();
        Program p = ProgramGenerator.generate(seed);
        int k = programs.size();
        var form = RecordForm.of(p, prefix + k, new Random(seed));
        Optional<String> source = form.map(f -> passing
            ? RecordPassingForm.of(f, new Random(~seed)).orElse(null) : f.source());
        if (source.isEmpty()) {
          continue;
        }
        programs.add(p);
        forms.add(form.get());
        sources.add(new JavaSource(Program.PACKAGE + ".F" + k, p.toJava("F" + k)));
        sources.add(new JavaSource(Program.PACKAGE + "." + prefix + k, source.get()));
      }
      for (String analyses : List.of("on", "off")) {
        Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
            .compile(sources);
        for (int k = 0; k < programs.size(); k++) {
          String f = check(c, programs.get(k), forms.get(k), prefix, k, new Random(k + start));
          if (f != null) {
            failures.add("seed " + programs.get(k).seed() + " (analyses " + analyses + "): " + f
                + "\n" + sources.get(2 * k + 1).text());
          }
          checked++;
        }
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " differ:\n"
        + String.join("\n\n", failures.subList(0, Math.min(3, failures.size()))));
  }

  /** Null if the two forms agree at a few random points. */
  private static String check(Compiled c, Program p, RecordForm form, String prefix, int k,
      Random r) {
    Method flat = gradientMethod(c, "F" + k);
    Method packed = gradientMethod(c, prefix + k);
    Class<?> recordType = c.loadClass(Program.PACKAGE + "." + prefix + k + "$"
        + RecordForm.RECORD_TYPE);
    List<Param> params = p.main().params();
    for (int point = 0; point < 3; point++) {
      Object[] args = point(params, p.arrayLength(), r);
      Object flatResult;
      try {
        Ticks.reset(); // a stateful helper counts calls from here, in both forms
        flatResult = flat.invoke(null, copy(args));
      } catch (InvocationTargetException e) {
        continue; // the program throws here (an index out of range, say): no gradient to compare
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
      Object packedResult;
      try {
        Object[] packedArgs = packedArgs(args, params, form, recordType);
        Ticks.reset();
        packedResult = packed.invoke(null, packedArgs);
      } catch (ReflectiveOperationException e) {
        return "the record form throws " + e.getCause() + " where the flat one does not";
      }
      Object flatValue = component(flatResult, "value");
      Object packedValue = component(packedResult, "value");
      if (!close(flatValue, packedValue)) {
        return "value " + packedValue + ", flat " + flatValue;
      }
      Object storage = component(packedResult, "d" + capitalize(form.record()));
      for (Param q : params) {
        if (!q.type().differentiable()) {
          continue;
        }
        Object expected = component(flatResult, "d" + capitalize(q.name()));
        Object got = form.packed().contains(q) ? field(storage, q.name())
            : component(packedResult, "d" + capitalize(q.name()));
        if (!close(expected, got)) {
          return "d/d" + q.name() + " " + text(got) + ", flat " + text(expected) + " at "
              + text(args);
        }
      }
    }
    return null;
  }

  private static Method gradientMethod(Compiled c, String className) {
    for (Method m : c.loadClass(Program.PACKAGE + "." + className + "Adjoint").getMethods()) {
      if (m.getName().equals(Program.MAIN)) {
        return m;
      }
    }
    throw new AssertionError("no " + className + "Adjoint." + Program.MAIN);
  }

  private static Object[] packedArgs(Object[] args, List<Param> params, RecordForm form,
      Class<?> recordType) throws ReflectiveOperationException {
    Object[] fresh = copy(args);
    List<Object> components = new ArrayList<>();
    List<Object> out = new ArrayList<>();
    out.add(null);
    for (int i = 0; i < params.size(); i++) {
      (form.packed().contains(params.get(i)) ? components : out).add(fresh[i]);
    }
    var constructor = recordType.getDeclaredConstructors()[0];
    constructor.setAccessible(true);
    out.set(0, constructor.newInstance(components.toArray()));
    return out.toArray();
  }

  private static Object[] point(List<Param> params, int length, Random r) {
    Object[] args = new Object[params.size()];
    for (int i = 0; i < args.length; i++) {
      switch (params.get(i).type()) {
        case DOUBLE -> args[i] = 2 * r.nextDouble() - 1;
        case INT -> args[i] = r.nextInt(5);
        case LONG -> args[i] = (long) r.nextInt(5);
        case BOOLEAN -> args[i] = r.nextBoolean();
        case ARRAY -> {
          double[] a = new double[length];
          for (int j = 0; j < length; j++) {
            a[j] = 1.5 * r.nextDouble() - 0.75;
          }
          args[i] = a;
        }
        case MODE, TEXT -> args[i] = ObjectValues.argument(r, params.get(i).type());
        case MATRIX -> {
          double[][] m = new double[length][length];
          for (int j = 0; j < length; j++) {
            for (int l = 0; l < length; l++) {
              m[j][l] = r.nextDouble() - 0.5 + (j == l ? 1.5 : 0);
            }
          }
          args[i] = m;
        }
      }
    }
    return args;
  }

  private static Object[] copy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] a) {
        out[i] = a.clone();
      } else if (out[i] instanceof double[][] m) {
        double[][] c = new double[m.length][];
        for (int j = 0; j < m.length; j++) {
          c[j] = m[j].clone();
        }
        out[i] = c;
      }
    }
    return out;
  }

  private static Object component(Object record, String name) {
    for (RecordComponent rc : record.getClass().getRecordComponents()) {
      if (rc.getName().equals(name)) {
        try {
          rc.getAccessor().setAccessible(true);
          return rc.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no component " + name + " in " + record);
  }

  private static Object field(Object storage, String name) {
    try {
      return storage.getClass().getField(name).get(storage);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean close(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return x.equals(y) || Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
    } else if (a instanceof double[] x && b instanceof double[] y) {
      if (x.length != y.length) {
        return false;
      }
      for (int i = 0; i < x.length; i++) {
        if (!close(x[i], y[i])) {
          return false;
        }
      }
      return true;
    } else if (a instanceof double[][] x && b instanceof double[][] y) {
      if (x.length != y.length) {
        return false;
      }
      for (int i = 0; i < x.length; i++) {
        if (!close(x[i], y[i])) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static String text(Object o) {
    return o instanceof double[] a ? Arrays.toString(a)
        : o instanceof double[][] m ? Arrays.deepToString(m)
        : o instanceof Object[] args ? Arrays.deepToString(args) : String.valueOf(o);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
