package dev.adjoint.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.verify.ParameterWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code @WritesArrays({"y"})} on the pullback of a method that writes into its array
 * parameters: the marker a caller compiled later, without this method's source, reads from the
 * compiled adjoint class (it cannot see the body that writes).
 */
final class WrittenParameters {
  static final ClassName WRITES_ARRAYS = ClassName.get("dev.adjoint", "WritesArrays");

  private WrittenParameters() {}

  /** Adds the marker to {@code method} when {@code m} writes into a parameter's arrays. */
  static void mark(MethodPlan m, MethodSpec.Builder method) {
    Set<Var> written = ParameterWrites.written(m.pullback().function());
    List<String> names = new ArrayList<>();
    for (MethodPlan.Parameter p : m.userParameters()) {
      boolean writes = p.record() != null ? p.record().leaves().stream().anyMatch(written::contains)
          : written.contains(p.plain());
      if (writes) {
        names.add(p.name());
      }
    }
    if (names.isEmpty()) {
      return;
    }
    CodeBlock value = names.size() == 1 ? CodeBlock.of("$S", names.get(0))
        : CodeBlock.of("{$L}", String.join(", ", names.stream().map(n -> "\"" + n + "\"")
            .toList()));
    method.addAnnotation(AnnotationSpec.builder(WRITES_ARRAYS).addMember("value", value).build());
  }
}
