package io.ringfence.server.iso8583;

/**
 * The ISO 8583:1987 data elements as data: for each field number, its {@link FieldType} and maximum length (digits,
 * characters or bytes). The same table serves both wire formats, since jPOS's {@code ISO87BPackager} and
 * {@code ISO87APackager} describe the same elements and differ only in how digits, bytes and lengths are encoded.
 * Every field is known so that a message can be walked past the ones the door does not use.
 *
 * <p>Field 1 (the secondary bitmap) and field 65 (the tertiary bitmap's presence, never followed) are bitmaps
 * handled by the decoder, listed here as 8 and 1 binary bytes.
 */
final class Iso87Fields {
    static final int MAX_FIELD = 128;

    private static final FieldType N = FieldType.NUMERIC;
    private static final FieldType ANS = FieldType.CHAR;
    private static final FieldType B = FieldType.BINARY;
    private static final FieldType XN = FieldType.AMOUNT;
    private static final FieldType LLN = FieldType.LLNUM;
    private static final FieldType LLANS = FieldType.LLCHAR;
    private static final FieldType LLLANS = FieldType.LLLCHAR;

    /** Rows of {field, type, max length}, in field order. */
    private static final Object[][] LAYOUT = {
        {1, B, 8}, {2, LLN, 19}, {3, N, 6}, {4, N, 12}, {5, N, 12}, {6, N, 12}, {7, N, 10}, {8, N, 8},
        {9, N, 8}, {10, N, 8}, {11, N, 6}, {12, N, 6}, {13, N, 4}, {14, N, 4}, {15, N, 4}, {16, N, 4},
        {17, N, 4}, {18, N, 4}, {19, N, 3}, {20, N, 3}, {21, N, 3}, {22, N, 3}, {23, N, 3}, {24, N, 3},
        {25, N, 2}, {26, N, 2}, {27, N, 1}, {28, XN, 9}, {29, XN, 9}, {30, XN, 9}, {31, XN, 9}, {32, LLN, 11},
        {33, LLN, 11}, {34, LLANS, 28}, {35, LLN, 37}, {36, LLLANS, 104}, {37, ANS, 12}, {38, ANS, 6},
        {39, ANS, 2}, {40, ANS, 3}, {41, ANS, 8}, {42, ANS, 15}, {43, ANS, 40}, {44, LLANS, 25},
        {45, LLANS, 76}, {46, LLLANS, 999}, {47, LLLANS, 999}, {48, LLLANS, 999}, {49, ANS, 3}, {50, ANS, 3},
        {51, ANS, 3}, {52, B, 8}, {53, N, 16}, {54, LLLANS, 120}, {55, LLLANS, 999}, {56, LLLANS, 999},
        {57, LLLANS, 999}, {58, LLLANS, 999}, {59, LLLANS, 999}, {60, LLLANS, 999}, {61, LLLANS, 999},
        {62, LLLANS, 999}, {63, LLLANS, 999}, {64, B, 8}, {65, B, 1}, {66, N, 1}, {67, N, 2}, {68, N, 3},
        {69, N, 3}, {70, N, 3}, {71, N, 4}, {72, N, 4}, {73, N, 6}, {74, N, 10}, {75, N, 10}, {76, N, 10},
        {77, N, 10}, {78, N, 10}, {79, N, 10}, {80, N, 10}, {81, N, 10}, {82, N, 12}, {83, N, 12}, {84, N, 12},
        {85, N, 12}, {86, N, 16}, {87, N, 16}, {88, N, 16}, {89, N, 16}, {90, N, 42}, {91, ANS, 1}, {92, ANS, 2},
        {93, ANS, 6}, {94, ANS, 7}, {95, ANS, 42}, {96, B, 16}, {97, XN, 17}, {98, ANS, 25}, {99, LLN, 11},
        {100, LLN, 11}, {101, LLANS, 17}, {102, LLANS, 28}, {103, LLANS, 28}, {104, LLLANS, 100},
        {105, LLLANS, 999}, {106, LLLANS, 999}, {107, LLLANS, 999}, {108, LLLANS, 999}, {109, LLLANS, 999},
        {110, LLLANS, 999}, {111, LLLANS, 999}, {112, LLLANS, 999}, {113, LLLANS, 999}, {114, LLLANS, 999},
        {115, LLLANS, 999}, {116, LLLANS, 999}, {117, LLLANS, 999}, {118, LLLANS, 999}, {119, LLLANS, 999},
        {120, LLLANS, 999}, {121, LLLANS, 999}, {122, LLLANS, 999}, {123, LLLANS, 999}, {124, LLLANS, 999},
        {125, LLLANS, 999}, {126, LLLANS, 999}, {127, LLLANS, 999}, {128, B, 8},
    };

    private static final FieldType[] TYPES = new FieldType[MAX_FIELD + 1];
    private static final int[] MAX_LENGTHS = new int[MAX_FIELD + 1];

    static {
        for (final Object[] row : LAYOUT) {
            final int field = (Integer)row[0];
            if (TYPES[field] != null) {
                throw new ExceptionInInitializerError("field " + field + " listed twice");
            }
            TYPES[field] = (FieldType)row[1];
            MAX_LENGTHS[field] = (Integer)row[2];
        }
        for (int field = 1; field <= MAX_FIELD; field++) {
            if (TYPES[field] == null) {
                throw new ExceptionInInitializerError("field " + field + " missing from the layout");
            }
        }
    }

    private Iso87Fields() {
    }

    static FieldType type(final int field) {
        return TYPES[field];
    }

    /** Digits, characters or bytes, as the type counts them. */
    static int maxLength(final int field) {
        return MAX_LENGTHS[field];
    }
}
