package dev.keymint.support;

import java.util.Arrays;

/** Reads samples out of a Prometheus text scrape. */
public final class Prometheus {

    private final String scrape;

    public Prometheus(String scrape) {
        this.scrape = scrape;
    }

    public static Prometheus scrape(Http http) {
        Http.Response response = http.get("/actuator/prometheus");
        if (response.status() != 200) {
            throw new IllegalStateException("/actuator/prometheus answered " + response.status());
        }
        return new Prometheus(response.body());
    }

    /** The value of the one sample named {@code name} with all of {@code labels} ({@code key="value"}). */
    public double value(String name, String... labels) {
        double[] values = samples(name, labels);
        if (values.length != 1) {
            throw new IllegalStateException(values.length + " samples of " + name + " " + Arrays.toString(labels));
        }
        return values[0];
    }

    /** Like {@link #value}, but 0 for a series that does not exist yet, as for a counter never incremented. */
    public double count(String name, String... labels) {
        return samples(name, labels).length == 0 ? 0 : value(name, labels);
    }

    private double[] samples(String name, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .toArray();
    }

    public String text() {
        return scrape;
    }
}
