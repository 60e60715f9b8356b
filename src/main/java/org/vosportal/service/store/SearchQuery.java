package org.vosportal.service.store;

import java.util.List;
import java.util.Objects;

/**
 * A metadata search below one folder ({@link NodeStore#search}): the nodes under the folder whose
 * tree path is {@code under} (the folder itself excluded), after the cursor {@code after} (a
 * tree path, or the end of a skipped subtree; null from the start), whose name matches
 * {@code namePattern} (a LIKE pattern over the lower-cased name, {@code !} escaping; null for
 * any) and that have every property condition; in tree-path order, at most {@code limit}.
 */
public record SearchQuery(String under, String after, String namePattern, List<PropCondition> props, int limit) {

    /** Comparisons of a property value. */
    public enum Op {
        /** Has the property, whatever its value. */
        ANY,
        EQ, LT, LE, GT, GE;

        String sql() {
            return switch (this) {
                case EQ -> "=";
                case LT -> "<";
                case LE -> "<=";
                case GT -> ">";
                case GE -> ">=";
                case ANY -> throw new IllegalStateException("no comparison");
            };
        }
    }

    /**
     * One condition on a property: {@code number} set compares the numeric value (values that are
     * not numbers never match), else {@code text} the value as text (EQ only).
     */
    public record PropCondition(String uri, Op op, String text, Double number) {
        public PropCondition {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(op, "op");
            if (op != Op.ANY && number == null && (text == null || op != Op.EQ)) {
                throw new IllegalArgumentException("a text value compares only with EQ");
            }
        }
    }

    public SearchQuery {
        Objects.requireNonNull(under, "under");
        props = List.copyOf(props);
    }
}
