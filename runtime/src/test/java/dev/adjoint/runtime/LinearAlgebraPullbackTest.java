package dev.adjoint.runtime;

import static dev.adjoint.runtime.PullbackHarness.d;
import static dev.adjoint.runtime.PullbackHarness.m;
import static dev.adjoint.runtime.PullbackHarness.mat;
import static dev.adjoint.runtime.PullbackHarness.positiveDiagonal;
import static dev.adjoint.runtime.PullbackHarness.scalar;
import static dev.adjoint.runtime.PullbackHarness.spd;
import static dev.adjoint.runtime.PullbackHarness.v;
import static dev.adjoint.runtime.PullbackHarness.vec;
import static dev.adjoint.runtime.PullbackHarness.wellConditioned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.PullbackHarness.Gen;
import dev.adjoint.runtime.PullbackHarness.Kernel;
import dev.adjoint.runtime.PullbackHarness.Pullback;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Every kernel's pullback against central finite differences of {@code ⟨resultBar, f(args)⟩} at
 * several seeded random points (rectangular shapes, so swapped indices show), plus the pullback
 * convention: accumulation, {@code null} adjoints, inputs left alone.
 */
class LinearAlgebraPullbackTest {

  private static final int TRIALS = 5;

  private static Kernel k(
      String name, String[] argNames, Gen[] gens, Function<Object[], Object> f, Pullback p) {
    return new Kernel(name, argNames, gens, f, p);
  }

  private static String[] names(String... names) {
    return names;
  }

  private static Gen[] gens(Gen... gens) {
    return gens;
  }

  /** Every kernel in {@link LinearAlgebra}, with arguments of rectangular shapes. */
  static List<Kernel> kernels() {
    List<Kernel> ks = new ArrayList<>();
    ks.add(k("dot", names("x", "y"), gens(vec(5), vec(5)),
        a -> LinearAlgebra.dot(v(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.dotPullback(v(a[0]), v(a[1]), d(r), d(rb), v(b[0]), v(b[1]));
          return 0;
        }));
    ks.add(k("matVec", names("A", "x"), gens(mat(3, 4), vec(4)),
        a -> LinearAlgebra.matVec(m(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.matVecPullback(m(a[0]), v(a[1]), v(r), v(rb), m(b[0]), v(b[1]));
          return 0;
        }));
    ks.add(k("vecMat", names("x", "A"), gens(vec(3), mat(3, 4)),
        a -> LinearAlgebra.vecMat(v(a[0]), m(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.vecMatPullback(v(a[0]), m(a[1]), v(r), v(rb), v(b[0]), m(b[1]));
          return 0;
        }));
    ks.add(k("matMul", names("A", "B"), gens(mat(3, 4), mat(4, 2)),
        a -> LinearAlgebra.matMul(m(a[0]), m(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.matMulPullback(m(a[0]), m(a[1]), m(r), m(rb), m(b[0]), m(b[1]));
          return 0;
        }));
    ks.add(k("transpose", names("A"), gens(mat(3, 4)),
        a -> LinearAlgebra.transpose(m(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.transposePullback(m(a[0]), m(r), m(rb), m(b[0]));
          return 0;
        }));
    ks.add(k("outer", names("x", "y"), gens(vec(3), vec(4)),
        a -> LinearAlgebra.outer(v(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.outerPullback(v(a[0]), v(a[1]), m(r), m(rb), v(b[0]), v(b[1]));
          return 0;
        }));
    ks.add(k("trace", names("A"), gens(mat(4, 4)),
        a -> LinearAlgebra.trace(m(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.tracePullback(m(a[0]), d(r), d(rb), m(b[0]));
          return 0;
        }));
    ks.add(k("quadForm", names("x", "A"), gens(vec(4), mat(4, 4)),
        a -> LinearAlgebra.quadForm(v(a[0]), m(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.quadFormPullback(v(a[0]), m(a[1]), d(r), d(rb), v(b[0]), m(b[1]));
          return 0;
        }));
    ks.add(k("bilinear", names("x", "A", "y"), gens(vec(3), mat(3, 4), vec(4)),
        a -> LinearAlgebra.bilinear(v(a[0]), m(a[1]), v(a[2])),
        (a, r, rb, b) -> {
          LinearAlgebra.bilinearPullback(
              v(a[0]), m(a[1]), v(a[2]), d(r), d(rb), v(b[0]), m(b[1]), v(b[2]));
          return 0;
        }));
    ks.add(k("sum", names("x"), gens(vec(5)),
        a -> LinearAlgebra.sum(v(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.sumPullback(v(a[0]), d(r), d(rb), v(b[0]));
          return 0;
        }));
    ks.add(k("norm2", names("x"), gens(vec(5)),
        a -> LinearAlgebra.norm2(v(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.norm2Pullback(v(a[0]), d(r), d(rb), v(b[0]));
          return 0;
        }));
    ks.add(k("squaredNorm", names("x"), gens(vec(5)),
        a -> LinearAlgebra.squaredNorm(v(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.squaredNormPullback(v(a[0]), d(r), d(rb), v(b[0]));
          return 0;
        }));
    ks.add(k("add", names("x", "y"), gens(vec(5), vec(5)),
        a -> LinearAlgebra.add(v(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.addPullback(v(a[0]), v(a[1]), v(r), v(rb), v(b[0]), v(b[1]));
          return 0;
        }));
    ks.add(k("sub", names("x", "y"), gens(vec(5), vec(5)),
        a -> LinearAlgebra.sub(v(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.subPullback(v(a[0]), v(a[1]), v(r), v(rb), v(b[0]), v(b[1]));
          return 0;
        }));
    ks.add(k("scale", names("a", "x"), gens(scalar(), vec(5)),
        a -> LinearAlgebra.scale(d(a[0]), v(a[1])),
        (a, r, rb, b) -> LinearAlgebra.scalePullback(d(a[0]), v(a[1]), v(r), v(rb), v(b[1]))));
    ks.add(k("hadamard", names("x", "y"), gens(vec(5), vec(5)),
        a -> LinearAlgebra.hadamard(v(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.hadamardPullback(v(a[0]), v(a[1]), v(r), v(rb), v(b[0]), v(b[1]));
          return 0;
        }));
    ks.add(k("exp", names("x"), gens(vec(5)),
        a -> LinearAlgebra.exp(v(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.expPullback(v(a[0]), v(r), v(rb), v(b[0]));
          return 0;
        }));
    ks.add(k("log", names("x"), gens(vec(5, 0.2, 3)),
        a -> LinearAlgebra.log(v(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.logPullback(v(a[0]), v(r), v(rb), v(b[0]));
          return 0;
        }));
    ks.add(k("tanh", names("x"), gens(vec(5)),
        a -> LinearAlgebra.tanh(v(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.tanhPullback(v(a[0]), v(r), v(rb), v(b[0]));
          return 0;
        }));
    ks.add(k("sigmoid", names("x"), gens(vec(6, -5, 5)),
        a -> LinearAlgebra.sigmoid(v(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.sigmoidPullback(v(a[0]), v(r), v(rb), v(b[0]));
          return 0;
        }));
    ks.add(k("relu", names("x"), gens(vec(6)),
        a -> LinearAlgebra.relu(v(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.reluPullback(v(a[0]), v(r), v(rb), v(b[0]));
          return 0;
        }));
    ks.add(k("softplus", names("x"), gens(vec(6, -5, 5)),
        a -> LinearAlgebra.softplus(v(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.softplusPullback(v(a[0]), v(r), v(rb), v(b[0]));
          return 0;
        }));
    ks.add(k("logSumExp", names("x"), gens(vec(5, -3, 3)),
        a -> LinearAlgebra.logSumExp(v(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.logSumExpPullback(v(a[0]), d(r), d(rb), v(b[0]));
          return 0;
        }));
    ks.add(k("softmax", names("x"), gens(vec(5, -3, 3)),
        a -> LinearAlgebra.softmax(v(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.softmaxPullback(v(a[0]), v(r), v(rb), v(b[0]));
          return 0;
        }));
    ks.add(k("det", names("A"), gens(wellConditioned(4)),
        a -> LinearAlgebra.det(m(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.detPullback(m(a[0]), d(r), d(rb), m(b[0]));
          return 0;
        }));
    ks.add(k("logDet", names("A"), gens(wellConditioned(4)),
        a -> LinearAlgebra.logDet(m(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.logDetPullback(m(a[0]), d(r), d(rb), m(b[0]));
          return 0;
        }));
    ks.add(k("inverse", names("A"), gens(wellConditioned(4)),
        a -> LinearAlgebra.inverse(m(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.inversePullback(m(a[0]), m(r), m(rb), m(b[0]));
          return 0;
        }));
    ks.add(k("solve", names("A", "b"), gens(wellConditioned(4), vec(4)),
        a -> LinearAlgebra.solve(m(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.solvePullback(m(a[0]), v(a[1]), v(r), v(rb), m(b[0]), v(b[1]));
          return 0;
        }));
    ks.add(k("cholesky", names("A"), gens(spd(4)),
        a -> LinearAlgebra.cholesky(m(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.choleskyPullback(m(a[0]), m(r), m(rb), m(b[0]));
          return 0;
        }));
    ks.add(k("choleskyLogDet", names("L"), gens(positiveDiagonal(4)),
        a -> LinearAlgebra.choleskyLogDet(m(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.choleskyLogDetPullback(m(a[0]), d(r), d(rb), m(b[0]));
          return 0;
        }));
    ks.add(k("choleskySolve", names("L", "b"), gens(positiveDiagonal(4), vec(4)),
        a -> LinearAlgebra.choleskySolve(m(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.choleskySolvePullback(m(a[0]), v(a[1]), v(r), v(rb), m(b[0]), v(b[1]));
          return 0;
        }));
    ks.add(k("logDetSpd", names("A"), gens(spd(4)),
        a -> LinearAlgebra.logDetSpd(m(a[0])),
        (a, r, rb, b) -> {
          LinearAlgebra.logDetSpdPullback(m(a[0]), d(r), d(rb), m(b[0]));
          return 0;
        }));
    ks.add(k("solveSpd", names("A", "b"), gens(spd(4), vec(4)),
        a -> LinearAlgebra.solveSpd(m(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.solveSpdPullback(m(a[0]), v(a[1]), v(r), v(rb), m(b[0]), v(b[1]));
          return 0;
        }));
    ks.add(k("solveLower", names("L", "b"), gens(wellConditioned(4), vec(4)),
        a -> LinearAlgebra.solveLower(m(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.solveLowerPullback(m(a[0]), v(a[1]), v(r), v(rb), m(b[0]), v(b[1]));
          return 0;
        }));
    ks.add(k("solveUpper", names("U", "b"), gens(wellConditioned(4), vec(4)),
        a -> LinearAlgebra.solveUpper(m(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.solveUpperPullback(m(a[0]), v(a[1]), v(r), v(rb), m(b[0]), v(b[1]));
          return 0;
        }));
    ks.add(k("addMatrices", names("A", "B"), gens(mat(3, 4), mat(3, 4)),
        a -> LinearAlgebra.addMatrices(m(a[0]), m(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.addMatricesPullback(m(a[0]), m(a[1]), m(r), m(rb), m(b[0]), m(b[1]));
          return 0;
        }));
    ks.add(k("subMatrices", names("A", "B"), gens(mat(3, 4), mat(3, 4)),
        a -> LinearAlgebra.subMatrices(m(a[0]), m(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.subMatricesPullback(m(a[0]), m(a[1]), m(r), m(rb), m(b[0]), m(b[1]));
          return 0;
        }));
    ks.add(k("scaleMatrix", names("a", "A"), gens(scalar(), mat(3, 4)),
        a -> LinearAlgebra.scaleMatrix(d(a[0]), m(a[1])),
        (a, r, rb, b) ->
            LinearAlgebra.scaleMatrixPullback(d(a[0]), m(a[1]), m(r), m(rb), m(b[1]))));
    return ks;
  }

  @TestFactory
  Stream<DynamicTest> pullbacksMatchFiniteDifferences() {
    return kernels().stream()
        .map(kernel -> DynamicTest.dynamicTest(kernel.name(), () -> {
          Random random = new Random(kernel.name().hashCode());
          for (int trial = 0; trial < TRIALS; trial++) {
            PullbackHarness.check(kernel, kernel.draw(random), random);
          }
        }));
  }

  /** The harness itself must fail on wrong pullbacks; otherwise the test above proves nothing. */
  @Test
  void harnessCatchesAWrongSign() {
    Kernel wrongSub = k("sub with ȳ += r̄", names("x", "y"), gens(vec(5), vec(5)),
        a -> LinearAlgebra.sub(v(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.addPullback(v(a[0]), v(a[1]), v(r), v(rb), v(b[0]), v(b[1]));
          return 0;
        });
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> PullbackHarness.check(wrongSub, wrongSub.draw(new Random(1)), new Random(2)));
    assertTrue(e.getMessage().contains("adjoint of y is off"), e.getMessage());
  }

  @Test
  void harnessCatchesATransposedGradient() {
    // Ā += C̄ᵀ-shaped mistake on a square matrix: C = A B with Ā += Bᵀ C̄ instead of C̄ Bᵀ.
    Kernel wrong = k("matMul with Ā += Bᵀ C̄", names("A", "B"), gens(mat(3, 3), mat(3, 3)),
        a -> LinearAlgebra.matMul(m(a[0]), m(a[1])),
        (a, r, rb, b) -> {
          LinearAlgebra.matMulPullback(m(a[0]), m(a[1]), m(r), m(rb), null, m(b[1]));
          if (b[0] != null) {
            double[][] g = LinearAlgebra.matMul(LinearAlgebra.transpose(m(a[1])), m(rb));
            for (int i = 0; i < 3; i++) {
              for (int j = 0; j < 3; j++) {
                m(b[0])[i][j] += g[i][j];
              }
            }
          }
          return 0;
        });
    assertThrows(AssertionFailedError.class,
        () -> PullbackHarness.check(wrong, wrong.draw(new Random(3)), new Random(4)));
  }

  @Test
  void harnessCatchesOverwritingInsteadOfAccumulating() {
    Kernel overwriting = k("dot with x̄ = r̄ y", names("x", "y"), gens(vec(5), vec(5)),
        a -> LinearAlgebra.dot(v(a[0]), v(a[1])),
        (a, r, rb, b) -> {
          if (b[0] != null) {
            Arrays.fill(v(b[0]), 0);
          }
          LinearAlgebra.dotPullback(v(a[0]), v(a[1]), d(r), d(rb), v(b[0]), v(b[1]));
          return 0;
        });
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> PullbackHarness.check(overwriting, overwriting.draw(new Random(5)), new Random(6)));
    assertTrue(e.getMessage().contains("accumulated"), e.getMessage());
  }

  /**
   * The convention, checked on the class itself: every public kernel {@code f} has exactly one
   * {@code fPullback(args…, result, resultBar, one adjoint per array argument)} returning {@code
   * double} iff {@code f} has exactly one {@code double} argument; and every kernel is in {@link
   * #kernels()}.
   */
  @Test
  void everyKernelHasAConventionalPullbackAndIsTested() {
    Set<String> kernelNames = new TreeSet<>();
    for (Method f : LinearAlgebra.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(f.getModifiers()) || f.getName().endsWith("Pullback")) {
        continue;
      }
      assertTrue(Modifier.isStatic(f.getModifiers()), f.getName());
      kernelNames.add(f.getName());
      List<Class<?>> expected = new ArrayList<>(Arrays.asList(f.getParameterTypes()));
      expected.add(f.getReturnType());
      expected.add(f.getReturnType());
      int doubles = 0;
      for (Class<?> p : f.getParameterTypes()) {
        if (p == double.class) {
          doubles++;
        } else if (p.isArray()) {
          expected.add(p);
        }
      }
      Class<?> returns = doubles == 1 ? double.class : void.class;
      List<Method> pullbacks = Arrays.stream(LinearAlgebra.class.getDeclaredMethods())
          .filter(p -> p.getName().equals(f.getName() + "Pullback"))
          .collect(Collectors.toList());
      assertEquals(1, pullbacks.size(), "exactly one " + f.getName() + "Pullback");
      Method p = pullbacks.get(0);
      assertTrue(Modifier.isPublic(p.getModifiers()) && Modifier.isStatic(p.getModifiers()));
      assertEquals(expected, Arrays.asList(p.getParameterTypes()), p.getName() + " parameters");
      assertEquals(returns, p.getReturnType(), p.getName() + " return type");
    }
    Set<String> tested =
        kernels().stream().map(Kernel::name).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(kernelNames, tested);
    assertEquals(38, kernelNames.size(), kernelNames.toString());
  }
}
