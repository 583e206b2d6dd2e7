package dev.adjoint.processor.fuzz;

/**
 * Why a program failed. {@link #signature()} is what the {@link Shrinker} keeps fixed while it
 * shrinks: the kind, and for compilation failures the message tag or javac's diagnostic code.
 */
record Failure(Kind kind, String tag, String detail) {

  enum Kind {
    /** The generator threw or produced something outside its own rules. */
    GENERATOR(false),
    /** The program (or its trace twin) is not valid Java, or does something Java rejects. */
    INVALID_JAVA(false),
    /** The processor rejected a program in the supported subset with an [adjoint.*] error. */
    REJECTED(true),
    /** [adjoint.internal]: the processor threw. */
    INTERNAL(true),
    /** javac itself crashed (an Error escaped the processor) or failed without a location. */
    CRASH(true),
    /** The generated adjoint does not compile. */
    GENERATED_CODE_ERROR(true),
    /** A generated method is missing or has the wrong signature. */
    SIGNATURE(true),
    /** Generated code threw where the original method does not. */
    THREW(true),
    /** The generated value differs from the original method's. */
    VALUE(true),
    /** The gradient disagrees with finite differences. */
    GRADIENT(true),
    /** The pullback disagrees with the record (seed, accumulation) or leaves stacks non-empty. */
    PULLBACK(true),
    /** Analyses off disagree with analyses on. */
    ANALYSES_OFF(true),
    /** Generated code modified an argument array. */
    ARGS_MODIFIED(true);

    final boolean processorBug;

    Kind(boolean processorBug) {
      this.processorBug = processorBug;
    }
  }

  String signature() {
    return kind + (tag == null || tag.isEmpty() ? "" : ":" + tag);
  }

  Failure withMoreDetail(String more) {
    return new Failure(kind, tag, detail + "\n" + more);
  }

  @Override
  public String toString() {
    return signature() + ": " + detail;
  }
}
