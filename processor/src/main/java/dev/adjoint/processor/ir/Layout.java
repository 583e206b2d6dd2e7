package dev.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions of statements in a structured body: a preorder index, and the chain of blocks that
 * enclose each one. Without loops, a statement runs after everything with a smaller index that
 * runs at all, and a definition dominates a use if its block encloses the use.
 */
public final class Layout {
  private final Map<Stmt, Integer> index = new IdentityHashMap<>();
  private final Map<Stmt, List<List<Stmt>>> blocks = new IdentityHashMap<>();
  private final List<Stmt> order = new ArrayList<>();
  private final Map<Stmt, List<Stmt>> ancestors = new IdentityHashMap<>();

  public Layout(List<Stmt> body) {
    visit(body, new ArrayList<>(), new ArrayList<>());
  }

  private void visit(List<Stmt> block, List<List<Stmt>> enclosing, List<Stmt> parents) {
    List<List<Stmt>> path = new ArrayList<>(enclosing);
    path.add(block);
    for (Stmt s : block) {
      index.put(s, order.size());
      order.add(s);
      blocks.put(s, path);
      ancestors.put(s, parents);
      if (s instanceof Stmt.If i) {
        List<Stmt> inner = new ArrayList<>(parents);
        inner.add(s);
        visit(i.then(), path, inner);
        visit(i.otherwise(), path, inner);
      } else if (s instanceof Stmt.Loop l) {
        List<Stmt> inner = new ArrayList<>(parents);
        inner.add(s);
        visit(l.body(), path, inner);
        visit(l.update(), path, inner);
      }
    }
  }

  public int indexOf(Stmt s) {
    return index.get(s);
  }

  /** Statements strictly between two indices, in program order. */
  public List<Stmt> between(int from, int to) {
    return order.subList(Math.min(from + 1, to), to);
  }

  /** Whether {@code def} runs whenever {@code use} runs, and before it. */
  public boolean dominates(Stmt def, Stmt use) {
    List<Stmt> defBlock = innermost(def);
    for (List<Stmt> b : blocks.get(use)) {
      if (b == defBlock) {
        return indexOf(def) < indexOf(use);
      }
    }
    return false;
  }

  /** The loops enclosing {@code s}, outermost first. */
  public List<Stmt.Loop> loopsAround(Stmt s) {
    List<Stmt.Loop> out = new ArrayList<>();
    for (Stmt p : ancestors.get(s)) {
      if (p instanceof Stmt.Loop l) {
        out.add(l);
      }
    }
    return out;
  }

  /** Every statement, in program order. */
  public List<Stmt> statements() {
    return order;
  }

  /** The blocks enclosing {@code s}, outermost (the body) first. */
  public List<List<Stmt>> blocksOf(Stmt s) {
    return blocks.get(s);
  }

  /** The statement of {@code block} that is {@code s} or contains it. */
  public Stmt childContaining(List<Stmt> block, Stmt s) {
    List<List<Stmt>> path = blocks.get(s);
    for (int depth = 0; depth < path.size(); depth++) {
      if (path.get(depth) == block) {
        return depth == path.size() - 1 ? s : ancestors.get(s).get(depth);
      }
    }
    throw new IllegalArgumentException("statement is not inside the block");
  }

  public List<Stmt> innermost(Stmt s) {
    List<List<Stmt>> path = blocks.get(s);
    return path.get(path.size() - 1);
  }
}
