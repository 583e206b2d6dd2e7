package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a method body (javac trees, not yet attributed) into IR, resolving names and types
 * itself over the supported subset: statements ({@link StatementReader}), assignments ({@link
 * AssignmentReader}), expressions ({@link ExpressionReader}), calls ({@link CallReader}), names
 * ({@link NameLookup}). Every problem goes to {@link Problems} and reading goes on; trees the
 * {@link SubsetFence} rejected are skipped, as they are reported already.
 */
public final class MethodReader {
  private final Scopes scopes = new Scopes();
  private final SourceRefs sources;
  private final StatementReader statements;
  private final javax.lang.model.element.Element method;

  public MethodReader(CompilationUnitTree unit, SourcePositions positions, Problems problems,
      SubsetFence fence, Shadowing shadowing, CalleeResolver callees) {
    this.sources = new SourceRefs(unit, positions);
    this.method = callees.names().method();
    Set<Tree> fenced = fence.rejected();
    NameLookup names = new NameLookup(scopes, callees.names(), shadowing, problems);
    Effects effects = new Effects();
    ExpressionReader expressions = new ExpressionReader(names, fenced, effects);
    CallReader calls = new CallReader(expressions, names, callees, problems);
    expressions.setCalls(calls);
    AssignmentReader assignments = new AssignmentReader(expressions, scopes, effects);
    expressions.setAssignments(assignments);
    this.statements =
        new StatementReader(expressions, assignments, scopes, sources, problems, effects);
    SwitchReader switches = new SwitchReader(expressions, statements, effects,
        new ObjectLabels(expressions, names, callees.names()));
    expressions.setSwitches(switches);
    calls.setLocalFunctions(
        new LocalFunctionCalls(expressions, statements, calls, scopes, effects));
    statements.setSwitches(switches);
  }

  /** The simple name of the file being read, for comments in generated code. */
  public String fileName() {
    return sources.fileName();
  }

  /**
   * Reads {@code method}, whose parameters have the given IR types. What could not be read is
   * left out (and reported): the result is only for checks when anything was.
   */
  public Function read(MethodTree method, List<Type> paramTypes) {
    List<Var> params = new ArrayList<>();
    scopes.push();
    for (int i = 0; i < paramTypes.size(); i++) {
      String name = method.getParameters().get(i).getName().toString();
      Var v = paramTypes.get(i) != Type.OBJECT ? new Var(name, paramTypes.get(i), Var.Role.PARAM)
          : Var.object(name, Var.Role.PARAM, ObjectTypes.of(((javax.lang.model.element
              .ExecutableElement) this.method).getParameters().get(i).asType()).orElseThrow());
      params.add(v);
      scopes.declare(v);
    }
    List<Stmt> body = new ArrayList<>();
    statements.block(method.getBody().getStatements(), body);
    scopes.pop();
    return new Function(method.getName().toString(), params, body, null);
  }
}
