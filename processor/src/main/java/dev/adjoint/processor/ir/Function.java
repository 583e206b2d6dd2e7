package dev.adjoint.processor.ir;

import java.util.List;

/**
 * A method in IR form. {@code result} holds the returned value once returns are normalized
 * (before that it is {@code null}).
 */
public record Function(String name, List<Var> params, List<Stmt> body, Var result) {
  public Function {
    params = List.copyOf(params);
    body = List.copyOf(body);
  }

  public Function withBody(List<Stmt> newBody) {
    return new Function(name, params, newBody, result);
  }
}
