package dev.adjoint.processor.rules;

/**
 * A user-declared derivative ({@code @DerivativeOf}): calls of {@code owner.name} with {@code
 * arity} arguments are differentiated by {@code pullbackOwner.pullbackName}, which follows the
 * kernels' convention {@code (args, result, resultBar, arrayBars)}.
 *
 * @param pullbackOwner the canonical name of the pullback's class (nested ones too)
 * @param pullbackPublic whether code of any package can call the pullback: it and every class
 *     around it are public
 * @param pullbackPackage the package of the pullback's class, whose code can call it; null if
 *     a class around it is private (only its top-level class can)
 */
public record CallRule(String owner, String name, int arity, String pullbackOwner,
    String pullbackName, boolean pullbackPublic, String pullbackPackage) {}
