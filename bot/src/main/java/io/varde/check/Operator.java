package io.varde.check;

import java.util.List;

/** The comparison in the middle of a condition. */
enum Operator {
    EQ("=="), NE("!="), LE("<="), GE(">="), LT("<"), GT(">"), CONTAINS("contains");

    private static final List<Operator> SYMBOLIC = List.of(EQ, NE, LE, GE, LT, GT);

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** True for {@code ==} and {@code !=}, the only operators pat() and any() work with. */
    boolean isEquality() {
        return this == EQ || this == NE;
    }

    /** {@code == != < <= > >= contains}: for error messages. */
    static String list() {
        return "== != < <= > >= contains";
    }

    /** The symbolic operators, two-character ones first ({@code <=} before {@code <}). */
    static List<Operator> symbolic() {
        return SYMBOLIC;
    }

    /** Whether {@code left op right} holds for two present values. */
    boolean test(Value left, Value right) {
        return switch (this) {
            case EQ -> left.sameAs(right);
            case NE -> !left.sameAs(right);
            case CONTAINS -> left.text().contains(right.text());
            case LT, LE, GT, GE -> {
                Integer c = left.compareTo(right);
                yield c != null && switch (this) {
                    case LT -> c < 0;
                    case LE -> c <= 0;
                    case GT -> c > 0;
                    default -> c >= 0;
                };
            }
        };
    }

    @Override
    public String toString() {
        return symbol;
    }
}
