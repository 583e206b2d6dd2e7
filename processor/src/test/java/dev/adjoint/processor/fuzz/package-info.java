/**
 * Random-program differential testing of the processor (issue 4).
 *
 * <ul>
 *   <li>{@link dev.adjoint.processor.fuzz.ProgramGenerator}: a seed gives a {@link
 *       dev.adjoint.processor.fuzz.Program} ({@link dev.adjoint.processor.fuzz.Ast} trees) over
 *       the supported subset: arithmetic, every Math rule with its argument kept in domain,
 *       double/int/boolean locals, reassignment and compound assignment, if/else, ternaries,
 *       {@code && || !}, for/while/do-while and for-each loops (nested, constant or
 *       data-dependent trip counts, break/continue/return inside), {@code double[]} and {@code
 *       double[][]} parameters and locals with reads and overwrites, row aliases, calls to helper
 *       {@code @Differentiable} methods (recursion included), {@code LinearAlgebra} kernels, and
 *       {@code wrt} subsets.
 *   <li>{@link dev.adjoint.processor.fuzz.JavaPrinter}: the class under test, and its instrumented
 *       twin, which computes the same values and reports every branch decision, kink and
 *       singular or non-finite intermediate to {@link dev.adjoint.processor.fuzz.Trace}.
 *   <li>{@link dev.adjoint.processor.fuzz.BatchCompiler}: one javac run per batch (one class per
 *       program, so errors are attributed), analyses on and off side by side.
 *   <li>{@link dev.adjoint.processor.fuzz.Checker}: value bit for bit, gradient against
 *       Richardson central differences at two steps (points where a probe changes the trace, or
 *       the two steps disagree, are rejected), pullback and {@code Stacks} overload against the
 *       record, analyses off against on.
 *   <li>{@link dev.adjoint.processor.fuzz.Shrinker}: greedy reduction of a failing program with
 *       the same failure signature.
 *   <li>{@link dev.adjoint.processor.fuzz.Fuzzer}, {@link
 *       dev.adjoint.processor.fuzz.RandomProgramTest} (quick run in the normal build, long runs
 *       and replays by system properties) and {@link dev.adjoint.processor.fuzz.RegressionTest}
 *       (every failure found, shrunk).
 * </ul>
 *
 * <pre>
 * mvn -B -o test -pl processor -Dtest=RandomProgramTest -Dadjoint.fuzz.programs=10000 -Dadjoint.fuzz.seed=1
 * mvn -B -o test -pl processor -Dtest=RandomProgramTest -Dadjoint.fuzz.replay=&lt;program seed&gt;
 * </pre>
 */
package dev.adjoint.processor.fuzz;
