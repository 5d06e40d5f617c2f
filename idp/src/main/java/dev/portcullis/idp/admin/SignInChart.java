package dev.portcullis.idp.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The home page's bar chart of sign-ins per hour, laid out on the server: one bar per clock hour (UTC), successful
 * sign-ins with failed ones stacked on top, scaled to the busiest hour. The template draws it as SVG with these
 * numbers, so the page needs no script, no library and no inline style (the Content-Security-Policy stays strict).
 */
public record SignInChart(Instant from, List<Bar> bars, long succeeded, long failed) {

	static final int WIDTH = 720;

	static final int HEIGHT = 160;

	private static final int SLOT = WIDTH / 24;

	private static final int BAR = SLOT - 8;

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

	/**
	 * One hour: what happened in it, and where its two stacked rectangles go (y grows downwards in SVG; heights in
	 * pixels of a chart {@link #HEIGHT} high).
	 */
	public record Bar(Instant hour, String label, boolean labelled, long succeeded, long failed, int x, int succeededY,
			int succeededHeight, int failedY, int failedHeight) {

		public String title() {
			return this.label + "–" + HOUR.format(this.hour.plus(Duration.ofHours(1))) + " UTC: " + this.succeeded
					+ " signed in, " + this.failed + " failed";
		}

	}

	/** The chart of {@code succeeded[i]} and {@code failed[i]} sign-ins in the hour starting {@code from} + i h. */
	static SignInChart of(Instant from, long[] succeeded, long[] failed) {
		long busiest = 0;
		for (int i = 0; i < succeeded.length; i++) {
			busiest = Math.max(busiest, succeeded[i] + failed[i]);
		}
		List<Bar> bars = new ArrayList<>();
		long totalSucceeded = 0;
		long totalFailed = 0;
		for (int i = 0; i < succeeded.length; i++) {
			int succeededHeight = scale(succeeded[i], busiest);
			int failedHeight = scale(succeeded[i] + failed[i], busiest) - succeededHeight;
			Instant hour = from.plus(Duration.ofHours(i));
			bars.add(new Bar(hour, HOUR.format(hour), i % 3 == 0, succeeded[i], failed[i], i * SLOT + 4,
					HEIGHT - succeededHeight, succeededHeight, HEIGHT - succeededHeight - failedHeight, failedHeight));
			totalSucceeded += succeeded[i];
			totalFailed += failed[i];
		}
		return new SignInChart(from, bars, totalSucceeded, totalFailed);
	}

	private static int scale(long count, long busiest) {
		return (busiest == 0) ? 0 : (int) Math.round((double) count * HEIGHT / busiest);
	}

	public int width() {
		return WIDTH;
	}

	public int height() {
		return HEIGHT;
	}

	public int barWidth() {
		return BAR;
	}

	public boolean empty() {
		return this.succeeded == 0 && this.failed == 0;
	}

}
