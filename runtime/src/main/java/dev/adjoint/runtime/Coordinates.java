package dev.adjoint.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinates a {@link GradientCheck} perturbs one at a time: the elements of a vector, of
 * a matrix or several arrays (row by row), or of a record's adjoint storage (flat, in the order
 * of its {@code writeTo}), each with a label for the report.
 */
interface Coordinates {
  int size();

  double get(int k);

  void set(int k, double value);

  String label(int k);

  static Coordinates of(double[] x) {
    return new Coordinates() {
      @Override
      public int size() {
        return x.length;
      }

      @Override
      public double get(int k) {
        return x[k];
      }

      @Override
      public void set(int k, double value) {
        x[k] = value;
      }

      @Override
      public String label(int k) {
        return "[" + k + "]";
      }
    };
  }

  /** Rows may differ in length: several arrays checked together are the rows. */
  static Coordinates of(double[][] x) {
    int[] rowOf = new int[RecordStorage.size(x)];
    int[] columnOf = new int[rowOf.length];
    int k = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++, k++) {
        rowOf[k] = i;
        columnOf[k] = j;
      }
    }
    return new Coordinates() {
      @Override
      public int size() {
        return rowOf.length;
      }

      @Override
      public double get(int k) {
        return x[rowOf[k]][columnOf[k]];
      }

      @Override
      public void set(int k, double value) {
        x[rowOf[k]][columnOf[k]] = value;
      }

      @Override
      public String label(int k) {
        return "[" + rowOf[k] + "][" + columnOf[k] + "]";
      }
    };
  }

  /**
   * The elements of a storage as one flat vector, through its {@code writeTo} and {@code
   * readFrom}; labels come from its public fields (the components, in declaration order, as
   * {@code writeTo} copies them), or are flat positions when they do not add up.
   */
  static <S> Coordinates of(S storage, int size, GradientCheck.FlatCopy<S> writeTo,
      GradientCheck.FlatCopy<S> readFrom) {
    double[] flat = new double[size];
    writeTo.copy(storage, flat, 0);
    List<String> names = new ArrayList<>();
    labels(storage, "", names, 0);
    return new Coordinates() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public double get(int k) {
        return flat[k];
      }

      @Override
      public void set(int k, double value) {
        flat[k] = value;
        readFrom.copy(storage, flat, 0);
      }

      @Override
      public String label(int k) {
        return names.size() == size ? names.get(k) : "[" + k + "]";
      }
    };
  }

  /** Labels of a storage's elements: double, double[], double[][] and nested storage fields. */
  private static void labels(Object storage, String prefix, List<String> out, int depth) {
    if (depth > 16) {
      return; // not a storage tree: the flat positions will do
    }
    for (Field f : storage.getClass().getFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      Object value;
      try {
        value = f.get(storage);
      } catch (IllegalAccessException e) {
        return;
      }
      String name = prefix + f.getName();
      if (value instanceof Double) {
        out.add(name);
      } else if (value instanceof double[] v) {
        for (int i = 0; i < v.length; i++) {
          out.add(name + "[" + i + "]");
        }
      } else if (value instanceof double[][] m) {
        for (int i = 0; i < m.length; i++) {
          for (int j = 0; j < m[i].length; j++) {
            out.add(name + "[" + i + "][" + j + "]");
          }
        }
      } else if (value != null) {
        labels(value, name + ".", out, depth + 1);
      }
    }
  }
}
