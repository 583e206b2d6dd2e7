package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.forward.ForwardMode;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.reverse.ReverseMode;
import dev.adjoint.processor.rules.GeneratedApi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * What the forward and second-order modes generate for one method: {@code fJvp} from the
 * tangent of the method, {@code fHvp} from the tangent of its adjoint seeded with 1, and {@code
 * fHessian}, n calls of {@code fHvp} along the unit vectors.
 */
final class ForwardModeMethods {
  private final ReverseModeMethods reverse;

  ForwardModeMethods(ReverseModeMethods reverse) {
    this.reverse = reverse;
  }

  List<MethodSpec> methods(TypeElement owner, MethodPlan m) {
    List<MethodSpec> out = new ArrayList<>();
    if (m.forward().jvp() != null) {
      out.add(jvp(owner, m));
    }
    if (m.forward().hvp() != null) {
      out.add(pullbackJvp(owner, m));
      out.add(hvp(owner, m));
      MethodSpec hessian = hessian(m);
      if (hessian != null) {
        out.add(hessian);
      }
    }
    return out;
  }

  private static String name(MethodPlan m, String suffix) {
    return m.element().getSimpleName() + suffix;
  }

  /** The tangent of each differentiated parameter: the direction, given by the caller. */
  private static List<Var> directions(MethodPlan m, ForwardMode.Output tangent) {
    List<Var> out = new ArrayList<>();
    for (Var p : m.independents()) {
      Var dot = tangent.dot(p);
      out.add(dot != null ? dot : new Var(p.name() + "Dot", p.type(), Var.Role.ADJOINT));
    }
    return out;
  }

  private MethodSpec jvp(TypeElement owner, MethodPlan m) {
    ForwardMode.Output jvp = m.forward().jvp();
    Names names = new Names();
    List<Var> params = new ArrayList<>(m.parameters());
    List<Var> directions = directions(m, jvp);
    params.addAll(directions);
    Var result = jvp.function().result();
    Var resultDot = jvp.dot(result);
    Var callersDot = m.vectorResult() ? new Var("resultDot", Type.DOUBLE_ARRAY, Var.Role.SEED)
        : null;
    if (callersDot != null) {
      params.add(callersDot);
    }
    Set<Var> readAfter = new HashSet<>(Set.of(result));
    if (resultDot != null) {
      readAfter.add(resultDot);
    }
    BodyWriter body = reverse.bodyWriter(m, jvp.sweeps().forward(), params, readAfter, names);
    CodeBlock code = body.writeHalf(jvp.sweeps().forward(), "value and tangent ("
        + m.sourceFile() + ":" + m.firstLine() + "-" + m.lastLine() + ")", false);
    MethodSpec.Builder method = ReverseModeMethods.signature(m, name(m, "Jvp"), body.receiver());
    for (Var d : directions) {
      method.addParameter(RecordStorageClass.javaType(d.type()), body.name(d));
    }
    String directionList = directions.stream().map(d -> "{@code " + body.name(d) + "}")
        .reduce((a, b) -> a + ", " + b).orElse("");
    method.addCode(code);
    if (callersDot == null) {
      method.returns(TypeName.DOUBLE)
          .addJavadoc(Javadoc.of("Forward mode of {@link $L#$L}: its directional derivative"
              + " along $L (one tangent per differentiated parameter), computed beside its value"
              + " in one sweep. Allocates nothing the method itself does not.\n",
              owner.getQualifiedName(), ReverseModeMethods.linkSignature(m.element()),
              directionList))
          .addStatement("return $L", resultDot == null ? "0.0" : body.name(resultDot));
      return method.build();
    }
    String into = body.name(callersDot);
    method.addParameter(ArrayTypeName.of(TypeName.DOUBLE), into)
        .returns(ArrayTypeName.of(TypeName.DOUBLE))
        .addJavadoc(Javadoc.of("Forward mode of {@link $L#$L}: returns its result and writes"
            + " into {@code $L} (the result's length, caller-owned) its Jacobian times the"
            + " direction $L.\n", owner.getQualifiedName(),
            ReverseModeMethods.linkSignature(m.element()), into, directionList));
    if (resultDot == null) {
      method.addStatement("$T.fill($L, 0.0)", java.util.Arrays.class, into);
    } else {
      String dot = body.name(resultDot);
      method.addStatement("$T.arraycopy($L, 0, $L, 0, $L.length)", System.class, dot, into,
          dot);
    }
    return method.addStatement("return $L", body.name(result)).build();
  }

  private MethodSpec hvp(TypeElement owner, MethodPlan m) {
    return secondOrder(owner, m, m.forward().hvp(), m.forward().gradient(), null);
  }

  private MethodSpec pullbackJvp(TypeElement owner, MethodPlan m) {
    return secondOrder(owner, m, m.forward().adjointTangent(), m.forward().adjoint(),
        m.forward().seed());
  }

  /**
   * The tangent of an adjoint: {@code fHvp} for the one seeded with 1 ({@code seed} null),
   * {@code fPullbackJvp} for the pullback, taking the seed and the adjoints it adds into
   * each followed by its tangent.
   */
  private MethodSpec secondOrder(TypeElement owner, MethodPlan m, ForwardMode.Output tangent,
      ReverseMode.Output adjoint, Var seed) {
    Names names = new Names();
    List<Var> params = new ArrayList<>(m.parameters());
    List<Var> directions = directions(m, tangent);
    params.addAll(directions);
    Var seedDot = null;
    if (seed != null) {
      params.add(seed);
      seedDot = tangent.dot(seed) != null ? tangent.dot(seed)
          : new Var("seedDot", Type.DOUBLE, Var.Role.ADJOINT);
      params.add(seedDot);
    }
    List<Var> arrayBars = new ArrayList<>();
    Set<Var> readAfter = new HashSet<>(Set.of(tangent.function().result()));
    for (Var p : m.independents()) {
      Var bar = adjoint.parameterAdjoints().get(p);
      if (bar == null) {
        continue;
      }
      if (p.type().isArray()) {
        arrayBars.add(bar);
        params.add(bar);
        params.add(tangent.dot(bar));
      } else {
        readAfter.add(bar);
        if (tangent.dot(bar) != null) {
          readAfter.add(tangent.dot(bar));
        }
      }
    }
    BodyWriter body = reverse.bodyWriter(m, tangent.sweeps().all(), params, readAfter, names);
    boolean scalars = m.independents().stream().anyMatch(p -> p.type() == Type.DOUBLE);
    String grad = scalars && seed != null ? names.reserve("grad") : null;
    String hv = scalars ? names.reserve(seed != null ? "gradDot" : "hv") : null;
    CodeBlock code = body.write(tangent.sweeps(), "forward sweep, with tangents ("
        + m.sourceFile() + ":" + m.firstLine() + "-" + m.lastLine() + ")", false);
    String name = seed == null ? name(m, "Hvp")
        : GeneratedApi.pullbackJvpName(m.element().getSimpleName().toString());
    MethodSpec.Builder method = ReverseModeMethods.signature(m, name, body.receiver());
    for (Var d : directions) {
      method.addParameter(RecordStorageClass.javaType(d.type()), body.name(d));
    }
    if (seed != null) {
      method.addParameter(TypeName.DOUBLE, body.name(seed))
          .addParameter(TypeName.DOUBLE, body.name(seedDot));
    }
    if (grad != null) {
      method.addParameter(ArrayTypeName.of(TypeName.DOUBLE), grad);
    }
    if (hv != null) {
      method.addParameter(ArrayTypeName.of(TypeName.DOUBLE), hv);
    }
    List<String> outputs = new ArrayList<>();
    int slot = 0;
    for (Var p : m.independents()) {
      if (p.type() == Type.DOUBLE) {
        outputs.add("{@code " + hv + "[" + slot++ + "]} receives "
            + (seed == null ? "(H·v) at " : "the tangent of ∂/∂") + p.name());
        continue;
      }
      Var bar = adjoint.parameterAdjoints().get(p);
      Var dot = bar == null ? null : tangent.dot(bar);
      if (dot == null) {
        throw new IllegalStateException("no tangent for the adjoint of " + p.name());
      }
      if (seed != null) {
        method.addParameter(RecordStorageClass.javaType(p.type()), body.name(bar));
      }
      method.addParameter(RecordStorageClass.javaType(p.type()), body.name(dot));
      outputs.add("{@code " + body.name(dot) + "} receives "
          + (seed == null ? "the block of " : "the tangent of ∂/∂") + p.name());
    }
    String directionList = String.join(", ", directions.stream()
        .map(d -> "{@code " + body.name(d) + "}").toList());
    method.returns(TypeName.DOUBLE);
    if (seed == null) {
      method.addJavadoc(Javadoc.of("Hessian-vector product of {@link $L#$L} by forward over"
          + " reverse mode: returns its value and adds H·v into caller-owned storage, v being"
          + " the direction $L; the Hessian is never formed, and the cost is a small multiple"
          + " of one gradient's.\n", owner.getQualifiedName(),
          ReverseModeMethods.linkSignature(m.element()), directionList));
    } else {
      method.addJavadoc(Javadoc.of("The tangent of {@link #$L} (forward over reverse) along"
          + " $L and {@code $L}: does what the pullback does, and adds into each adjoint's"
          + " tangent the tangent of what the pullback adds into that adjoint. What"
          + " callers' second order calls.\n", GeneratedApi.pullbackName(
          m.element().getSimpleName().toString()), directionList, body.name(seedDot)));
    }
    method.addJavadoc(Javadoc.of("\n<p>$L. Allocates $L(and stacks when it records loops).\n",
        String.join(", ", outputs), seed == null && !arrayBars.isEmpty()
        ? "the gradient's arrays " : ""));
    for (Var bar : seed == null ? arrayBars : List.<Var>of()) {
      Var p = adjoint.parameterAdjoints().entrySet().stream()
          .filter(e -> e.getValue() == bar).findFirst().orElseThrow().getKey();
      ReverseModeMethods.allocateLike(method, body.name(bar), body.name(p), p.type(), names);
    }
    method.addCode(code);
    slot = 0;
    for (Var p : m.independents()) {
      if (p.type() != Type.DOUBLE) {
        continue;
      }
      Var bar = adjoint.parameterAdjoints().get(p);
      Var dot = bar == null ? null : tangent.dot(bar);
      if (grad != null && bar != null) {
        method.addStatement("$L[$L] += $L", grad, slot, body.name(bar));
      }
      if (dot != null) {
        method.addStatement("$L[$L] += $L", hv, slot, body.name(dot));
      }
      slot++;
    }
    return method.addStatement("return $L", body.name(tangent.function().result())).build();
  }

  /**
   * {@code fHessian}: n Hessian-vector products along the unit vectors, the upper triangle
   * taken and mirrored so the matrix is symmetric by construction. For methods differentiated
   * with respect to doubles only, or to one {@code double[]}; null for any other.
   */
  private static MethodSpec hessian(MethodPlan m) {
    List<Var> wrt = m.independents();
    boolean scalars = wrt.stream().allMatch(p -> p.type() == Type.DOUBLE);
    boolean vector = wrt.size() == 1 && wrt.get(0).type() == Type.DOUBLE_ARRAY;
    if (!scalars && !vector) {
      return null;
    }
    Names names = new Names();
    List<String> args = new ArrayList<>();
    for (MethodPlan.Parameter p : m.userParameters()) {
      // The user's names are the signature's, even one such as Math (names.of keeps it).
      args.add(p.plain() != null ? names.of(p.plain()) : names.reserve(p.name()));
    }
    String receiver = ReverseModeMethods.receiverSuggestion(m) == null ? null
        : names.reserve(ReverseModeMethods.receiverSuggestion(m));
    if (receiver != null) {
      args.add(0, receiver);
    }
    String h = names.reserve("hessian");
    String hv = names.reserve("hv");
    String k = names.reserve("k");
    String i = names.reserve("i");
    MethodSpec.Builder method = ReverseModeMethods.signature(m, name(m, "Hessian"), receiver)
        .returns(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)))
        .addJavadoc(Javadoc.of("The Hessian of {@link #$L} as a new matrix: n calls of {@code"
            + " $L} along the unit vectors, n the number of differentiated $L; the upper"
            + " triangle mirrored, so it is symmetric by construction.\n",
            m.element().getSimpleName(), name(m, "Hvp"),
            scalars ? "parameters" : "elements of " + wrt.get(0).name()));
    String n;
    if (scalars) {
      n = String.valueOf(wrt.size());
      method.addStatement("double[][] $L = new double[$L][$L]", h, n, n)
          .addStatement("double[] $L = new double[$L]", hv, n)
          .beginControlFlow("for (int $L = 0; $L < $L; $L++)", k, k, n, k)
          .addStatement("$T.fill($L, 0.0)", java.util.Arrays.class, hv);
      for (int d = 0; d < wrt.size(); d++) {
        args.add(k + " == " + d + " ? 1.0 : 0.0");
      }
    } else {
      n = names.reserve("n");
      String v = names.reserve("v");
      String x = m.userParameters().stream().filter(MethodPlan.Parameter::wrt).findFirst()
          .orElseThrow().name();
      method.addStatement("int $L = $L.length", n, x)
          .addStatement("double[][] $L = new double[$L][$L]", h, n, n)
          .addStatement("double[] $L = new double[$L]", v, n)
          .addStatement("double[] $L = new double[$L]", hv, n)
          .beginControlFlow("for (int $L = 0; $L < $L; $L++)", k, k, n, k)
          .addStatement("$T.fill($L, 0.0)", java.util.Arrays.class, hv)
          .addStatement("$L[$L] = 1.0", v, k);
      args.add(v);
    }
    args.add(hv);
    method.addStatement("$L($L)", name(m, "Hvp"), String.join(", ", args));
    if (!scalars) {
      method.addStatement("$L[$L] = 0.0", args.get(args.size() - 2), k);
    }
    return method.beginControlFlow("for (int $L = 0; $L <= $L; $L++)", i, i, k, i)
        .addStatement("$L[$L][$L] = $L[$L]", h, i, k, hv, i)
        .addStatement("$L[$L][$L] = $L[$L]", h, k, i, hv, i)
        .endControlFlow()
        .endControlFlow()
        .addStatement("return $L", h)
        .build();
  }
}
