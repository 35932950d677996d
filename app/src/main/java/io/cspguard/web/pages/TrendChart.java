package io.cspguard.web.pages;

import java.util.ArrayList;
import java.util.List;

/**
 * The overview's trend as numbers for an SVG drawn by the template: one polyline per status over the last stored
 * runs (oldest left), scaled to the largest count. Nothing here is tenant text.
 */
public record TrendChart(int width, int height, int max, List<Series> series, List<Tick> ticks) {
    static final int WIDTH = 640;
    static final int HEIGHT = 180;
    static final int LEFT = 44;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 28;

    /** One status's line: {@code points} is the SVG points attribute ("x,y x,y …"). */
    public record Series(String status, String points, List<Dot> dots) {
    }

    /** One run's value of a series, with its tooltip text. */
    public record Dot(int x, int y, String label) {
    }

    /** A run's label under the x axis. */
    public record Tick(int x, String label) {
    }

    /** {@code runs} oldest first. */
    static TrendChart of(List<RunSummary> runs) {
        int max = 1;
        for (RunSummary r : runs) {
            for (String s : Statuses.ALL) {
                max = Math.max(max, r.count(s));
            }
        }
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ticks.add(new Tick(x(i, runs.size(), plotWidth), "#" + runs.get(i).id()));
        }
        List<Series> series = new ArrayList<>();
        for (String status : Statuses.ALL) {
            StringBuilder points = new StringBuilder();
            List<Dot> dots = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                int value = runs.get(i).count(status);
                int x = x(i, runs.size(), plotWidth);
                int y = TOP + plotHeight - (int) Math.round((double) value * plotHeight / max);
                points.append(points.isEmpty() ? "" : " ").append(x).append(',').append(y);
                dots.add(new Dot(x, y, "run #" + runs.get(i).id() + ": " + value + " " + Fmt.status(status)));
            }
            series.add(new Series(status, points.toString(), dots));
        }
        return new TrendChart(WIDTH, HEIGHT, max, series, ticks);
    }

    private static int x(int index, int count, int plotWidth) {
        return count <= 1 ? LEFT + plotWidth / 2 : LEFT + (int) Math.round((double) index * plotWidth / (count - 1));
    }

    public int top() {
        return TOP;
    }

    public int bottom() {
        return HEIGHT - BOTTOM;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }
}
