package dev.adjoint.processor.rules;

/**
 * A user-declared derivative ({@code @DerivativeOf}): calls of {@code owner.name} with {@code
 * arity} arguments are differentiated by {@code pullbackOwner.pullbackName}, which follows the
 * kernels' convention {@code (args, result, resultBar, arrayBars)}.
 */
public record CallRule(String owner, String name, int arity, String pullbackOwner,
    String pullbackName, boolean pullbackPublic) {

  /** The package of the pullback's class, for the access check at each call. */
  public String pullbackPackage() {
    int dot = pullbackOwner.lastIndexOf('.');
    return dot < 0 ? "" : pullbackOwner.substring(0, dot);
  }
}
