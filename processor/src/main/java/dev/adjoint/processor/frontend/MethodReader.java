package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.RecordShape;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

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
  private final Map<Integer, RecordShape> records = new java.util.TreeMap<>();
  private final RecordAccess recordAccess = new RecordAccess(scopes);

  public MethodReader(CompilationUnitTree unit, SourcePositions positions, Problems problems,
      SubsetFence fence, Shadowing shadowing, CalleeResolver callees) {
    this.sources = new SourceRefs(unit, positions);
    this.method = callees.names().method();
    Set<Tree> fenced = fence.rejected();
    NameLookup names = new NameLookup(scopes, callees.names(), shadowing, problems);
    Effects effects = new Effects();
    ExpressionReader expressions = new ExpressionReader(names, fenced, effects);
    expressions.setRecords(recordAccess);
    CallReader calls = new CallReader(expressions, names, callees, problems);
    expressions.setCalls(calls);
    calls.setInlinedCalls(new InlinedCalls(effects, callees));
    AssignmentReader assignments = new AssignmentReader(expressions, scopes, effects);
    expressions.setAssignments(assignments);
    this.statements =
        new StatementReader(expressions, assignments, scopes, sources, problems, effects);
    SwitchReader switches = new SwitchReader(expressions, statements, effects,
        new ObjectLabels(expressions, names, callees.names()));
    expressions.setSwitches(switches);
    LocalFunctionCalls functions =
        new LocalFunctionCalls(expressions, statements, calls, scopes, effects, callees.names());
    calls.setLocalFunctions(functions);
    calls.setFunctionArguments(new FunctionArguments(expressions, functions, scopes, effects,
        callees.names(), fence, unit, m -> calleePaths.apply(m)));
    scopes.site(method);
    statements.setSwitches(switches);
  }

  /** Where the declarations of callees are, for those inlined where a function is passed. */
  private java.util.function.Function<javax.lang.model.element.ExecutableElement,
      com.sun.source.util.TreePath> calleePaths = m -> null;

  /** Lets the reader inline a callee of this file a function is passed to. */
  public void setCalleePaths(java.util.function.Function<
      javax.lang.model.element.ExecutableElement, com.sun.source.util.TreePath> paths) {
    this.calleePaths = paths;
  }

  /** The shape of each record parameter, by its position in the user's signature. */
  public Map<Integer, RecordShape> records() {
    return Map.copyOf(records);
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
    return read(method, paramTypes, java.util.Collections.nCopies(paramTypes.size(), null),
        null);
  }

  /**
   * Reads {@code method}; a record parameter (a non-null entry of {@code records}) becomes one
   * IR parameter per leaf component, its shape kept in {@link #records()}.
   */
  public Function read(MethodTree method, List<Type> paramTypes, List<TypeElement> records,
      Elements elements) {
    List<Var> params = new ArrayList<>();
    scopes.push();
    Set<String> taken = records.stream().anyMatch(java.util.Objects::nonNull)
        ? DeclaredNames.of(method) : Set.of();
    for (int i = 0; i < paramTypes.size(); i++) {
      String name = method.getParameters().get(i).getName().toString();
      if (records.get(i) != null) {
        RecordShape shape = RecordParameters.shape(records.get(i), name, taken, elements);
        params.addAll(shape.leaves());
        scopes.declareRecord(name, shape);
        recordAccess.declareParameter(name, shape);
        this.records.put(i, shape);
        continue;
      }
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
