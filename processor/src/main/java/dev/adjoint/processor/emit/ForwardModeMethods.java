package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.forward.ForwardMode;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.reverse.ReverseMode;
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
    ForwardMode.Output hvp = m.forward().hvp();
    ReverseMode.Output gradient = m.forward().gradient();
    Names names = new Names();
    List<Var> params = new ArrayList<>(m.parameters());
    List<Var> directions = directions(m, hvp);
    params.addAll(directions);
    List<Var> arrayBars = new ArrayList<>();
    Set<Var> readAfter = new HashSet<>(Set.of(hvp.function().result()));
    for (Var p : m.independents()) {
      Var bar = gradient.parameterAdjoints().get(p);
      if (bar == null) {
        continue;
      }
      if (p.type().isArray()) {
        arrayBars.add(bar);
        params.add(bar);
        params.add(hvp.dot(bar));
      } else if (hvp.dot(bar) != null) {
        readAfter.add(hvp.dot(bar));
      }
    }
    BodyWriter body = reverse.bodyWriter(m, hvp.sweeps().all(), params, readAfter, names);
    boolean scalars = m.independents().stream().anyMatch(p -> p.type() == Type.DOUBLE);
    String hv = scalars ? names.reserve("hv") : null;
    CodeBlock code = body.write(hvp.sweeps(), "forward sweep, with tangents (" + m.sourceFile()
        + ":" + m.firstLine() + "-" + m.lastLine() + ")", false);
    MethodSpec.Builder method = ReverseModeMethods.signature(m, name(m, "Hvp"), body.receiver());
    for (Var d : directions) {
      method.addParameter(RecordStorageClass.javaType(d.type()), body.name(d));
    }
    if (hv != null) {
      method.addParameter(ArrayTypeName.of(TypeName.DOUBLE), hv);
    }
    List<String> outputs = new ArrayList<>();
    int slot = 0;
    for (Var p : m.independents()) {
      if (p.type() == Type.DOUBLE) {
        outputs.add("{@code " + hv + "[" + slot++ + "]} receives (H·v) at " + p.name());
      } else {
        Var bar = gradient.parameterAdjoints().get(p);
        Var dot = bar == null ? null : hvp.dot(bar);
        if (dot == null) {
          throw new IllegalStateException("no tangent for the adjoint of " + p.name());
        }
        method.addParameter(RecordStorageClass.javaType(p.type()), body.name(dot));
        outputs.add("{@code " + body.name(dot) + "} receives the block of " + p.name());
      }
    }
    method.returns(TypeName.DOUBLE)
        .addJavadoc(Javadoc.of("Hessian-vector product of {@link $L#$L} by forward over"
            + " reverse mode: returns its value and adds H·v into caller-owned storage, v being"
            + " the direction $L; the Hessian is never formed, and the cost is a small multiple"
            + " of one gradient's.\n", owner.getQualifiedName(),
            ReverseModeMethods.linkSignature(m.element()),
            String.join(", ", directions.stream().map(d -> "{@code " + body.name(d) + "}")
                .toList())))
        .addJavadoc(Javadoc.of("\n<p>$L. Allocates the gradient's arrays (and stacks when it"
            + " records loops).\n", String.join(", ", outputs)));
    for (Var bar : arrayBars) {
      int at = m.independents().indexOf(gradient.parameterAdjoints().entrySet().stream()
          .filter(e -> e.getValue() == bar).findFirst().orElseThrow().getKey());
      Var p = m.independents().get(at);
      ReverseModeMethods.allocateLike(method, body.name(bar), body.name(p), p.type(), names);
    }
    method.addCode(code);
    slot = 0;
    for (Var p : m.independents()) {
      if (p.type() != Type.DOUBLE) {
        continue;
      }
      Var bar = gradient.parameterAdjoints().get(p);
      Var dot = bar == null ? null : hvp.dot(bar);
      if (dot != null) {
        method.addStatement("$L[$L] += $L", hv, slot, body.name(dot));
      }
      slot++;
    }
    return method.addStatement("return $L", body.name(hvp.function().result())).build();
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
      args.add(names.reserve(p.name()));
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
