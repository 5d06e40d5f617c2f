package dev.portcullis.idp.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows counted before and after a refused request, which must leave nothing behind. */
public final class RowCounts {

	private RowCounts() {
	}

	public static int registeredClients(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client").query(Integer.class).single();
	}

}
