package dev.portcullis.idp.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts what the IdP asks of its database while serving HTTP requests: the statements it prepares or executes
 * and the rows it reads. Registered as a bean post-processor, it wraps the application's {@link DataSource};
 * only work done on the web server's request threads counts, so background jobs (session sweeper, purge) do not
 * blur the figures. A count, not a time: what must stay flat as data grows.
 */
public final class SqlCounter implements BeanPostProcessor {

	private volatile boolean counting;

	private final ConcurrentLinkedQueue<String> statements = new ConcurrentLinkedQueue<>();

	private final AtomicLong rows = new AtomicLong();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
			return proxy(DataSource.class, dataSource, this::onDataSource);
		}
		return bean;
	}

	/** Runs the action and returns what it asked of the database. */
	public Usage count(Runnable action) {
		this.statements.clear();
		this.rows.set(0);
		this.counting = true;
		try {
			action.run();
		}
		finally {
			this.counting = false;
		}
		return new Usage(new ArrayList<>(this.statements), this.rows.get());
	}

	private boolean counts() {
		return this.counting && Thread.currentThread().getName().startsWith("http-nio-");
	}

	private Object onDataSource(Object target, Method method, Object[] args) throws Throwable {
		Object result = invoke(target, method, args);
		return (result instanceof Connection connection) ? proxy(Connection.class, connection, this::onConnection)
				: result;
	}

	private Object onConnection(Object target, Method method, Object[] args) throws Throwable {
		Object result = invoke(target, method, args);
		if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql && counts()) {
			this.statements.add(sql);
		}
		if (result instanceof Statement statement) {
			Class<?> type = method.getReturnType();
			@SuppressWarnings("unchecked")
			Class<Statement> statementType = (Class<Statement>) type;
			return proxy(statementType, statement, this::onStatement);
		}
		return result;
	}

	private Object onStatement(Object target, Method method, Object[] args) throws Throwable {
		Object result = invoke(target, method, args);
		boolean plain = !(target instanceof java.sql.PreparedStatement);
		if (plain && method.getName().startsWith("execute") && args != null && args.length > 0
				&& args[0] instanceof String sql && counts()) {
			this.statements.add(sql);
		}
		return (result instanceof ResultSet resultSet) ? proxy(ResultSet.class, resultSet, this::onResultSet) : result;
	}

	private Object onResultSet(Object target, Method method, Object[] args) throws Throwable {
		Object result = invoke(target, method, args);
		if ("next".equals(method.getName()) && Boolean.TRUE.equals(result) && counts()) {
			this.rows.incrementAndGet();
		}
		return result;
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private static <T> T proxy(Class<T> type, T target, Handler handler) {
		InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
		return type.cast(Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), new Class<?>[] { type }, invocation));
	}

	private interface Handler {

		Object handle(Object target, Method method, Object[] args) throws Throwable;

	}

	/** The statements (SQL text, in order) and the number of rows read. */
	public record Usage(List<String> statements, long rows) {

		@Override
		public String toString() {
			return this.statements.size() + " statements, " + this.rows + " rows read:\n  "
					+ String.join("\n  ", this.statements);
		}

	}

}
