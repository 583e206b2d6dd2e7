package dev.adjoint.processor.frontend;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.adjoint.processor.AdjointProcessor;
import dev.adjoint.processor.testing.JavaSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor run under wrapped processing environments, as IntelliJ's build (a {@link Proxy}
 * whose handler keeps the environment in {@code val$delegateTo}) and Gradle's incremental
 * compilation (a class with a {@code delegate} field) make them: the generated code is the same
 * as under plain javac, and it is written through the wrapper's own {@link Filer}, so the tool
 * still sees what was generated.
 */
class WrappedEnvironmentTest {

  private static final JavaSource MODEL = JavaSource.of("p.Model",
      "package p;",
      "import dev.adjoint.Differentiable;",
      "final class Model {",
      "  record Params(double w, double[] v) {}",
      "  @Differentiable(wrt = {\"w\", \"b\"})",
      "  static double loss(double w, double b, double x, double t, double lambda) {",
      "    double z = w * x + b;",
      "    double y = 1 / (1 + Math.exp(-z));",
      "    double L = 0.5 * (y - t) * (y - t);",
      "    return L + lambda * 0.5 * w * w;",
      "  }",
      "  @Differentiable",
      "  static double fit(Params p, double[] xs) {",
      "    double s = 0;",
      "    for (int i = 0; i < xs.length; i++) {",
      "      s += Math.sin(p.w() * xs[i]) * p.v()[i];",
      "    }",
      "    return s;",
      "  }",
      "}");

  /** Anonymous classes' captured variables are fields named {@code val$...}, as IntelliJ's. */
  private static ProcessingEnvironment intellijProxy(ProcessingEnvironment delegateTo,
      Filer filer) {
    return (ProcessingEnvironment) Proxy.newProxyInstance(
        WrappedEnvironmentTest.class.getClassLoader(),
        new Class<?>[] {ProcessingEnvironment.class}, new InvocationHandler() {
          @Override
          public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return method.getName().equals("getFiler") ? filer : call(method, delegateTo, args);
          }
        });
  }

  /** A handler of a tool we do not know, with its delegate in a field of another name. */
  private static ProcessingEnvironment unknownProxy(ProcessingEnvironment env, Filer filer) {
    return (ProcessingEnvironment) Proxy.newProxyInstance(
        WrappedEnvironmentTest.class.getClassLoader(),
        new Class<?>[] {ProcessingEnvironment.class}, new ForwardingHandler(env, filer));
  }

  private static final class ForwardingHandler implements InvocationHandler {
    private final Filer filer;
    private final ProcessingEnvironment target;

    ForwardingHandler(ProcessingEnvironment target, Filer filer) {
      this.target = target;
      this.filer = filer;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      return method.getName().equals("getFiler") ? filer : call(method, target, args);
    }
  }

  /** What the handlers forward; the target's exception, not reflection's, is thrown. */
  private static Object call(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void intellijProxyGeneratesWhatJavacDoes() {
    assertSameOutput(WrappedEnvironmentTest::intellijProxy);
  }

  @Test
  void gradleWrapperGeneratesWhatJavacDoes() {
    assertSameOutput(GradleLikeEnvironment::new);
  }

  @Test
  void wrapperInsideAProxyGeneratesWhatJavacDoes() {
    assertSameOutput((env, filer) -> intellijProxy(new GradleLikeEnvironment(env, filer), filer));
  }

  @Test
  void unknownProxyGeneratesWhatJavacDoes() {
    assertSameOutput(WrappedEnvironmentTest::unknownProxy);
  }

  /** The local-class check listens to javac's task, which it also finds behind the proxy. */
  @Test
  void localClassesAreStillReportedBehindAProxy() {
    JavaSource foo = JavaSource.of("p.Foo",
        "package p;",
        "import dev.adjoint.*;",
        "class Foo {",
        "  static double g(double y) {",
        "    class Local {",
        "      @Differentiable static double inLocal(double x) { return x; }",
        "    }",
        "    return y;",
        "  }",
        "}");
    Compilation c = compile(WrappedEnvironmentTest::intellijProxy, new ArrayList<>(), foo);
    assertThat(c).hadErrorContaining("@Differentiable method inLocal must be declared in a"
        + " top-level or member class, not in a local class")
        .inFile(foo.toFileObject()).onLineContaining("double inLocal");
    assertThat(c).hadErrorCount(1);
  }

  /** An environment that hides javac's out of reach keeps the clear error, at each method. */
  @Test
  void environmentThatCannotBeUnwrappedIsAClearError() {
    BiFunction<ProcessingEnvironment, Filer, ProcessingEnvironment> opaque = (env, filer) -> {
      Object[] box = {env}; // not a field holding an environment: nothing to unwrap
      return (ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ProcessingEnvironment.class},
          (proxy, method, args) -> call(method, box[0], args));
    };
    Compilation c = compile(opaque, new ArrayList<>(), MODEL);
    assertThat(c).hadErrorContaining("[adjoint.trees] Adjoint cannot read method bodies in this"
        + " environment").inFile(MODEL.toFileObject()).onLineContaining("static double loss");
    assertThat(c).hadErrorContaining("[adjoint.trees]")
        .inFile(MODEL.toFileObject()).onLineContaining("static double fit");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void javacEnvironmentIsReturnedAsIs() {
    ProcessingEnvironment[] seen = new ProcessingEnvironment[2];
    compile((env, filer) -> {
      seen[0] = env;
      seen[1] = JavacEnvironment.unwrap(intellijProxy(new GradleLikeEnvironment(env, filer),
          filer));
      return env;
    }, new ArrayList<>(), MODEL);
    assertSame(seen[0], JavacEnvironment.unwrap(seen[0]));
    assertSame(seen[0], seen[1]);
  }

  private static void assertSameOutput(
      BiFunction<ProcessingEnvironment, Filer, ProcessingEnvironment> wrap) {
    Map<String, String> plain = generated(compile((env, filer) -> env, new ArrayList<>(), MODEL));
    List<String> writtenThroughWrapper = new ArrayList<>();
    Compilation wrapped = compile(wrap, writtenThroughWrapper, MODEL);
    assertThat(wrapped).succeededWithoutWarnings();
    assertEquals(plain, generated(wrapped));
    assertTrue(plain.size() >= 2, "expected the adjoint and the record's storage: " + plain);
    assertEquals(List.of("p.ModelAdjoint", "p.Model_ParamsBar").stream().sorted().toList(),
        writtenThroughWrapper.stream().sorted().toList());
    assertFalse(plain.values().stream().anyMatch(String::isEmpty));
  }

  private static Compilation compile(
      BiFunction<ProcessingEnvironment, Filer, ProcessingEnvironment> wrap, List<String> written,
      JavaSource source) {
    Processor processor = new WrappingProcessor(new AdjointProcessor(),
        env -> wrap.apply(env, new RecordingFiler(env.getFiler(), written)));
    return Compiler.javac().withProcessors(processor).compile(source.toFileObject());
  }

  private static Map<String, String> generated(Compilation c) {
    Map<String, String> sources = new TreeMap<>();
    for (JavaFileObject f : c.generatedSourceFiles()) {
      try {
        sources.put(f.getName(), f.getCharContent(true).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sources;
  }

  /** Hands the processor a wrapped environment, as IntelliJ and Gradle wrap processors. */
  private static final class WrappingProcessor implements Processor {
    private final Processor delegate;
    private final Function<ProcessingEnvironment, ProcessingEnvironment> wrap;

    WrappingProcessor(Processor delegate,
        Function<ProcessingEnvironment, ProcessingEnvironment> wrap) {
      this.delegate = delegate;
      this.wrap = wrap;
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public void init(ProcessingEnvironment env) {
      delegate.init(wrap.apply(env));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element,
        AnnotationMirror annotation, ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }

  /** Like Gradle's incremental wrapper: a class keeping javac's environment in a field. */
  private static final class GradleLikeEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;
    private final Filer filer;

    GradleLikeEnvironment(ProcessingEnvironment delegate, Filer filer) {
      this.delegate = delegate;
      this.filer = filer;
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return filer;
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }

  /** Notes the name of every source file created through it, as the tools' filers do. */
  private static final class RecordingFiler implements Filer {
    private final Filer delegate;
    private final List<String> written;

    RecordingFiler(Filer delegate, List<String> written) {
      this.delegate = delegate;
      this.written = written;
    }

    @Override
    public JavaFileObject createSourceFile(CharSequence name, Element... originating)
        throws IOException {
      written.add(name.toString());
      return delegate.createSourceFile(name, originating);
    }

    @Override
    public JavaFileObject createClassFile(CharSequence name, Element... originating)
        throws IOException {
      return delegate.createClassFile(name, originating);
    }

    @Override
    public FileObject createResource(JavaFileManager.Location location, CharSequence pkg,
        CharSequence relativeName, Element... originating) throws IOException {
      return delegate.createResource(location, pkg, relativeName, originating);
    }

    @Override
    public FileObject getResource(JavaFileManager.Location location, CharSequence pkg,
        CharSequence relativeName) throws IOException {
      return delegate.getResource(location, pkg, relativeName);
    }
  }
}
