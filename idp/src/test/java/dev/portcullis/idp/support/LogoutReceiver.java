package dev.portcullis.idp.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for an app's back-channel logout endpoint on 127.0.0.1: records every logout token POSTed to it, so a
 * test can assert the call came (and fails when it never does). {@link #hanging()} makes one that accepts
 * connections and never answers, like a stuck app.
 */
public final class LogoutReceiver implements AutoCloseable {

	private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();

	private final HttpServer server;

	private final ServerSocket hangingSocket;

	private final List<Socket> held = new ArrayList<>();

	private LogoutReceiver(boolean hanging) throws IOException {
		if (hanging) {
			this.server = null;
			this.hangingSocket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(() -> {
				while (!this.hangingSocket.isClosed()) {
					try {
						Socket socket = this.hangingSocket.accept();
						synchronized (this.held) {
							this.held.add(socket); // never answered
						}
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "hanging-receiver");
			acceptor.setDaemon(true);
			acceptor.start();
		}
		else {
			this.hangingSocket = null;
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/backchannel-logout", (exchange) -> {
				try (InputStream body = exchange.getRequestBody()) {
					String form = new String(body.readAllBytes(), StandardCharsets.UTF_8);
					for (String pair : form.split("&")) {
						if (pair.startsWith("logout_token=")) {
							this.tokens.add(URLDecoder.decode(pair.substring(13), StandardCharsets.UTF_8));
						}
					}
				}
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			this.server.start();
		}
	}

	public static LogoutReceiver answering() throws IOException {
		return new LogoutReceiver(false);
	}

	public static LogoutReceiver hanging() throws IOException {
		return new LogoutReceiver(true);
	}

	public String uri() {
		int port = (this.server != null) ? this.server.getAddress().getPort() : this.hangingSocket.getLocalPort();
		return "http://127.0.0.1:" + port + "/backchannel-logout";
	}

	/** The next logout token received, waiting up to {@code seconds}; fails the test when none comes. */
	public String awaitToken(int seconds) throws InterruptedException {
		String token = this.tokens.poll(seconds, TimeUnit.SECONDS);
		if (token == null) {
			throw new AssertionError("No logout token arrived at " + uri() + " within " + seconds + " s");
		}
		return token;
	}

	public String nextTokenOrNull(int millis) throws InterruptedException {
		return this.tokens.poll(millis, TimeUnit.MILLISECONDS);
	}

	public void clear() {
		this.tokens.clear();
	}

	@Override
	public void close() throws IOException {
		if (this.server != null) {
			this.server.stop(0);
		}
		if (this.hangingSocket != null) {
			this.hangingSocket.close();
			synchronized (this.held) {
				for (Socket socket : this.held) {
					socket.close();
				}
			}
		}
	}

}
