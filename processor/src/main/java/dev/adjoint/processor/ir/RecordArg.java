package dev.adjoint.processor.ir;

import java.util.List;

/**
 * A record passed whole to a call ({@code g(p.l1(), x)}). The call's arguments from {@code
 * first} on are the record's leaves, so every analysis sees what the callee reads; only the
 * emitter prints them as the record ({@code p.l1()}), and the callee's pullback takes the
 * record's adjoint storage instead of the leaves' adjoints.
 *
 * @param first the index of the record's first leaf among the call's arguments
 * @param path the caller's record parameter, then the components leading to the record
 * @param shape the record's shape in the caller
 * @param differentiated whether the callee differentiates it: its pullback takes the storage
 */
public record RecordArg(int first, List<String> path, RecordShape shape,
    boolean differentiated) {
  public RecordArg {
    path = List.copyOf(path);
  }

  /** How many arguments of the call the record takes. */
  public int count() {
    return shape.leaves().size();
  }

  /** Whether argument {@code i} of the call is one of this record's leaves. */
  public boolean covers(int i) {
    return i >= first && i < first + count();
  }

  /** The record as Java reads it in the caller: {@code p}, {@code p.l1()}. */
  public String value() {
    StringBuilder out = new StringBuilder(path.get(0));
    for (String c : path.subList(1, path.size())) {
      out.append('.').append(c).append("()");
    }
    return out.toString();
  }

  /** The same record {@code by} arguments further along (a receiver put first). */
  public RecordArg shifted(int by) {
    return new RecordArg(first + by, path, shape, differentiated);
  }
}
