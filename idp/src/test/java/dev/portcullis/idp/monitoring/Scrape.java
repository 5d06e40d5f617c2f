package dev.portcullis.idp.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/** One read of {@code /actuator/prometheus}, as Prometheus gets it, and the samples in it. */
record Scrape(String text) {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static Scrape of(int managementPort) {
		HttpResponse<String> response = get(managementPort, "/actuator/prometheus");
		if (response.statusCode() != 200) {
			throw new AssertionError("scrape answered " + response.statusCode() + ": " + response.body());
		}
		return new Scrape(response.body());
	}

	static HttpResponse<String> get(int port, String path) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The sum of the samples of {@code name} (as Prometheus names it, e.g. {@code portcullis_signins_total}) whose
	 * labels include every {@code label="value"} given as {@code "label", "value"} pairs; 0 when there is none.
	 */
	double value(String name, String... labels) {
		return Arrays.stream(this.text.split("\n"))
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter((line) -> hasLabels(line, labels))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static boolean hasLabels(String line, String... labels) {
		String labelText = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : "";
		for (int i = 0; i < labels.length; i += 2) {
			if (!labelText.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
				return false;
			}
		}
		return true;
	}

}
