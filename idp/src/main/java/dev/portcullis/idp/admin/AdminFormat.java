package dev.portcullis.idp.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** How the console writes times: UTC, to the minute or second. Used from templates as {@code @adminFormat}. */
@Component("adminFormat")
public class AdminFormat {

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	public String time(Instant instant) {
		return (instant != null) ? MINUTES.format(instant) : "";
	}

	public String exactTime(Instant instant) {
		return (instant != null) ? SECONDS.format(instant) : "";
	}

}
