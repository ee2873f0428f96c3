package org.palermo.client.submission;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges two edits of the same base text, line by line (diff3): the line diffs of each side
 * against the base come from java-diff-utils; changes to different parts of the base apply
 * together, identical changes once, and changes to the same lines (or insertions at the same
 * place) that differ become a conflict, shown between markers for a person to resolve.
 */
public final class ThreeWayMerge {
  /** The markers around a conflict: yours, then theirs. */
  public static final String OURS = "<<<<<<< yours";
  public static final String SEPARATOR = "=======";
  public static final String THEIRS_PREFIX = ">>>>>>> ";

  private ThreeWayMerge() {}

  /** The merged text and how many conflicts it holds between markers. */
  public record Result(String text, int conflicts) {
    public boolean clean() {
      return conflicts == 0;
    }
  }

  /** One side's change: base lines [from, to) become {@code lines}. */
  private record Change(int from, int to, List<String> lines) {}

  /**
   * @param theirsLabel what the closing marker calls the other side (e.g. "version 3")
   */
  public static Result merge(String base, String ours, String theirs, String theirsLabel) {
    List<String> b = lines(base);
    List<Change> mine = changes(b, lines(ours));
    List<Change> other = changes(b, lines(theirs));
    List<String> out = new ArrayList<>();
    int conflicts = 0;
    int at = 0;
    int i = 0;
    int j = 0;
    while (i < mine.size() || j < other.size()) {
      // The next group: changes of both sides that overlap, grown until nothing more joins.
      boolean takeMine = j >= other.size()
          || i < mine.size() && mine.get(i).from() <= other.get(j).from();
      Change first = takeMine ? mine.get(i++) : other.get(j++);
      List<Change> groupMine = new ArrayList<>();
      List<Change> groupOther = new ArrayList<>();
      (takeMine ? groupMine : groupOther).add(first);
      int from = first.from();
      int to = first.to();
      boolean grew = true;
      while (grew) {
        grew = false;
        if (i < mine.size() && overlaps(mine.get(i), from, to)) {
          Change c = mine.get(i++);
          groupMine.add(c);
          to = Math.max(to, c.to());
          grew = true;
        }
        if (j < other.size() && overlaps(other.get(j), from, to)) {
          Change c = other.get(j++);
          groupOther.add(c);
          to = Math.max(to, c.to());
          grew = true;
        }
      }
      out.addAll(b.subList(at, from));
      List<String> mineText = apply(b, from, to, groupMine);
      List<String> otherText = apply(b, from, to, groupOther);
      if (groupOther.isEmpty()) {
        out.addAll(mineText);
      } else if (groupMine.isEmpty() || mineText.equals(otherText)) {
        out.addAll(otherText);
      } else {
        conflicts++;
        out.add(OURS);
        out.addAll(mineText);
        out.add(SEPARATOR);
        out.addAll(otherText);
        out.add(THEIRS_PREFIX + theirsLabel);
      }
      at = to;
    }
    out.addAll(b.subList(at, b.size()));
    return new Result(String.join("\n", out) + (out.isEmpty() ? "" : "\n"), conflicts);
  }

  /**
   * A change joins a group (base lines [from, to), changes taken in order of where they start)
   * when it replaces lines the group covers; an insertion when it falls within or at either end
   * of the group; and a change starting where an insertion-only group inserts. Edits of
   * adjacent lines stay apart.
   */
  private static boolean overlaps(Change c, int from, int to) {
    if (c.from() == c.to()) {
      return c.from() >= from && c.from() <= to;
    }
    return c.from() < to || from == to && c.from() == from;
  }

  /** Base lines [from, to) with this side's changes inside them applied. */
  private static List<String> apply(List<String> base, int from, int to, List<Change> changes) {
    List<String> out = new ArrayList<>();
    int at = from;
    for (Change c : changes) {
      out.addAll(base.subList(at, c.from()));
      out.addAll(c.lines());
      at = c.to();
    }
    out.addAll(base.subList(at, to));
    return out;
  }

  private static List<Change> changes(List<String> base, List<String> revised) {
    List<Change> out = new ArrayList<>();
    for (AbstractDelta<String> d : DiffUtils.diff(base, revised).getDeltas()) {
      int from = d.getSource().getPosition();
      out.add(new Change(from, from + d.getSource().size(),
          List.copyOf(d.getTarget().getLines())));
    }
    out.sort(Comparator.comparingInt(Change::from).thenComparingInt(Change::to));
    return out;
  }

  /** The text's lines: a final line break ends the last line rather than starting another. */
  static List<String> lines(String text) {
    String normal = text.replace("\r\n", "\n");
    if (normal.isEmpty()) {
      return List.of();
    }
    if (normal.endsWith("\n")) {
      normal = normal.substring(0, normal.length() - 1);
    }
    return List.of(normal.split("\n", -1));
  }
}
