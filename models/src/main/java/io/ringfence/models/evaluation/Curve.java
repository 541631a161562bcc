package io.ringfence.models.evaluation;

/**
 * A curve traced by lowering a score threshold: one point per distinct threshold, in the order of the thresholds
 * (highest first), each point with the threshold that produces it. Immutable; the arrays handed out are copies.
 *
 * @see Curves
 */
public final class Curve {
    private final double[] xs;
    private final double[] ys;
    private final double[] thresholds;

    Curve(final double[] xs, final double[] ys, final double[] thresholds) {
        if (xs.length != ys.length || xs.length != thresholds.length) {
            throw new IllegalArgumentException("a curve needs as many x, y and thresholds: " + xs.length + ", "
                + ys.length + ", " + thresholds.length);
        }
        this.xs = xs;
        this.ys = ys;
        this.thresholds = thresholds;
    }

    /** The number of points. */
    public int size() {
        return xs.length;
    }

    public double x(final int index) {
        return xs[index];
    }

    public double y(final int index) {
        return ys[index];
    }

    /** The threshold of a point: a score at or above it counts as flagged. */
    public double threshold(final int index) {
        return thresholds[index];
    }

    public double[] xs() {
        return xs.clone();
    }

    public double[] ys() {
        return ys.clone();
    }

    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * At most {@code maxPoints} of the points, for plotting: the first and last points stay, and in between a point
     * stays once the path walked since the last kept point (the sum of {@code |dx| + |dy|} over its segments) reaches
     * {@code total path length / (maxPoints - 2)}. Every dropped point therefore lies within that distance of a kept
     * one: with 2,000 points on a monotone curve such as ROC (path length at most 2) that is 0.001, well under a pixel
     * of a chart a few hundred pixels wide. The curve itself when it already has no more than {@code maxPoints}.
     *
     * @throws IllegalArgumentException if {@code maxPoints < 3}
     */
    public Curve downsampled(final int maxPoints) {
        if (maxPoints < 3) {
            throw new IllegalArgumentException("a downsampled curve keeps at least 3 points, not " + maxPoints);
        }
        if (xs.length <= maxPoints) {
            return this;
        }
        final double step = pathLength() / (maxPoints - 2);
        final int[] kept = new int[maxPoints];
        int count = 0;
        kept[count++] = 0;
        double walked = 0.0;
        final int last = xs.length - 1;
        for (int i = 1; i < last; i++) {
            walked += segmentLength(i);
            // step is 0 only when every point coincides: then the first and last say it all.
            if (step > 0.0 && walked >= step && count < maxPoints - 1) {
                kept[count++] = i;
                walked = 0.0;
            }
        }
        kept[count++] = last;
        final double[] keptXs = new double[count];
        final double[] keptYs = new double[count];
        final double[] keptThresholds = new double[count];
        for (int k = 0; k < count; k++) {
            keptXs[k] = xs[kept[k]];
            keptYs[k] = ys[kept[k]];
            keptThresholds[k] = thresholds[kept[k]];
        }
        return new Curve(keptXs, keptYs, keptThresholds);
    }

    private double pathLength() {
        double length = 0.0;
        for (int i = 1; i < xs.length; i++) {
            length += segmentLength(i);
        }
        return length;
    }

    /** The L1 length of the segment that ends at point {@code index}. */
    private double segmentLength(final int index) {
        return Math.abs(xs[index] - xs[index - 1]) + Math.abs(ys[index] - ys[index - 1]);
    }
}
