package dev.portcullis.idp.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for an app's back-channel logout endpoint on 127.0.0.1: records every logout token POSTed to it, so a
 * test can wait for the one meant for a given session and app (and fails when it never comes).
 * <ul>
 * <li>{@link #answering()} answers 200;</li>
 * <li>{@link #answeringWith(int...)} answers the given statuses in turn (the last one from then on), and counts
 * the attempts;</li>
 * <li>{@link #hanging()} reads each request and never answers, like a stuck app, and can tell whether it
 * {@linkplain #holdsOpenRequest() holds a request still open} and how many the sender
 * {@linkplain #requestsGivenUp() gave up on} (closed without an answer).</li>
 * </ul>
 */
public final class LogoutReceiver implements AutoCloseable {

	/** Tokens received and not yet taken by an {@code await}; guarded by itself. */
	private final List<String> tokens = new ArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final HttpServer server;

	private final ServerSocket hangingSocket;

	/** The hanging receiver's connections; guarded by itself. */
	private final List<Held> held = new ArrayList<>();

	private LogoutReceiver(int... statuses) throws IOException {
		this.hangingSocket = null;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/backchannel-logout", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				received(new String(body.readAllBytes(), StandardCharsets.UTF_8));
			}
			int attempt = this.requests.getAndIncrement();
			exchange.sendResponseHeaders(statuses[Math.min(attempt, statuses.length - 1)], -1);
			exchange.close();
		});
		this.server.start();
	}

	private LogoutReceiver() throws IOException {
		this.server = null;
		this.hangingSocket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.hangingSocket.isClosed()) {
				try {
					Held connection = new Held(this.hangingSocket.accept());
					synchronized (this.held) {
						this.held.add(connection);
					}
					Thread reader = new Thread(connection::read, "hanging-receiver-connection");
					reader.setDaemon(true);
					reader.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "hanging-receiver");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public static LogoutReceiver answering() throws IOException {
		return new LogoutReceiver(200);
	}

	/** Answers the first request with {@code statuses[0]}, the second with {@code statuses[1]}, and so on. */
	public static LogoutReceiver answeringWith(int... statuses) throws IOException {
		if (statuses.length == 0) {
			throw new IllegalArgumentException("at least one status");
		}
		return new LogoutReceiver(Arrays.copyOf(statuses, statuses.length));
	}

	public static LogoutReceiver hanging() throws IOException {
		return new LogoutReceiver();
	}

	public String uri() {
		int port = (this.server != null) ? this.server.getAddress().getPort() : this.hangingSocket.getLocalPort();
		return "http://127.0.0.1:" + port + "/backchannel-logout";
	}

	/**
	 * The next logout token received for session {@code sid} and addressed to {@code audience}, waiting up to
	 * {@code seconds}; fails the test when none comes. Tokens for other sessions or apps (a late retry from an
	 * earlier test, the sweeper ending some other session) are left where they are.
	 */
	public String awaitToken(String sid, String audience, int seconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		synchronized (this.tokens) {
			while (true) {
				for (Iterator<String> it = this.tokens.iterator(); it.hasNext();) {
					String token = it.next();
					if (matches(token, sid, audience)) {
						it.remove();
						return token;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("No logout token for sid " + sid + " and audience " + audience
							+ " arrived at " + uri() + " within " + seconds + " s (" + this.tokens.size()
							+ " others did)");
				}
				TimeUnit.NANOSECONDS.timedWait(this.tokens, left);
			}
		}
	}

	/** Any next logout token, waiting up to {@code seconds}; fails the test when none comes. */
	public String awaitToken(int seconds) throws InterruptedException {
		String token = nextTokenOrNull(seconds * 1000);
		if (token == null) {
			throw new AssertionError("No logout token arrived at " + uri() + " within " + seconds + " s");
		}
		return token;
	}

	public String nextTokenOrNull(int millis) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		synchronized (this.tokens) {
			while (this.tokens.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return null;
				}
				TimeUnit.NANOSECONDS.timedWait(this.tokens, left);
			}
			return this.tokens.remove(0);
		}
	}

	/** How many requests this receiver has had (answered or, for a hanging one, read in full). */
	public int requestsReceived() {
		return this.requests.get();
	}

	/** A hanging receiver: whether it holds a request it has read in full and the sender has not yet closed. */
	public boolean holdsOpenRequest() {
		synchronized (this.held) {
			return this.held.stream().anyMatch((connection) -> connection.requestRead && !connection.closedBySender);
		}
	}

	/** A hanging receiver: how many of the requests it read the sender closed without an answer (gave up on). */
	public int requestsGivenUp() {
		synchronized (this.held) {
			return (int) this.held.stream()
				.filter((connection) -> connection.requestRead && connection.closedBySender)
				.count();
		}
	}

	public void clear() {
		synchronized (this.tokens) {
			this.tokens.clear();
		}
	}

	private void received(String form) {
		for (String pair : form.split("&")) {
			if (pair.startsWith("logout_token=")) {
				synchronized (this.tokens) {
					this.tokens.add(URLDecoder.decode(pair.substring(13), StandardCharsets.UTF_8));
					this.tokens.notifyAll();
				}
			}
		}
	}

	private static boolean matches(String token, String sid, String audience) {
		try {
			JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
			return sid.equals(claims.getStringClaim("sid")) && claims.getAudience().contains(audience);
		}
		catch (ParseException ex) {
			return false;
		}
	}

	@Override
	public void close() throws IOException {
		if (this.server != null) {
			this.server.stop(0);
		}
		if (this.hangingSocket != null) {
			this.hangingSocket.close();
			synchronized (this.held) {
				for (Held connection : this.held) {
					connection.socket.close();
				}
			}
		}
	}

	/** One connection to the hanging receiver: the request is read, never answered, until the sender closes. */
	private final class Held {

		private final Socket socket;

		private volatile boolean requestRead;

		private volatile boolean closedBySender;

		Held(Socket socket) {
			this.socket = socket;
		}

		void read() {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			byte[] buffer = new byte[4096];
			try (InputStream in = this.socket.getInputStream()) {
				int n;
				while ((n = in.read(buffer)) != -1) {
					bytes.write(buffer, 0, n);
					if (!this.requestRead) {
						String body = completeBody(bytes.toString(StandardCharsets.ISO_8859_1));
						if (body != null) {
							// Marked read before the token is handed over: a test woken by the token may ask at once.
							this.requestRead = true;
							LogoutReceiver.this.requests.incrementAndGet();
							received(body);
						}
					}
				}
			}
			catch (IOException ex) {
				// closed by close() or reset by the sender: either way the request is no longer held
			}
			this.closedBySender = true;
		}

	}

	/** The body once headers and {@code Content-Length} bytes of body have arrived, else null. */
	private static String completeBody(String request) {
		int end = request.indexOf("\r\n\r\n");
		if (end < 0) {
			return null;
		}
		int length = 0;
		for (String line : request.substring(0, end).split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).trim());
			}
		}
		String body = request.substring(end + 4);
		return (body.length() >= length) ? body.substring(0, length) : null;
	}

}
