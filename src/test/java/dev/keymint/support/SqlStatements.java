package dev.keymint.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records the SQL statements the application prepares on its DataSource while recording is on,
 * except those of the test's own thread and of scheduled background jobs (the batched
 * {@code last_used_at} flush, the cleanup of revoked tokens), which are not part of a request.
 */
public class SqlStatements implements BeanPostProcessor {

    private final ConcurrentLinkedQueue<String> recorded = new ConcurrentLinkedQueue<>();
    private volatile boolean recording;
    private volatile Thread ignoredThread;

    /** Starts a fresh recording; statements of the calling thread are not recorded. */
    public void start() {
        recorded.clear();
        ignoredThread = Thread.currentThread();
        recording = true;
    }

    /** Stops recording and returns what was recorded, in order, in lower case. */
    public List<String> stop() {
        recording = false;
        return List.copyOf(recorded);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof RecordingDataSource)) {
            return new RecordingDataSource(dataSource);
        }
        return bean;
    }

    private void record(String sql) {
        Thread thread = Thread.currentThread();
        if (recording && thread != ignoredThread && !thread.getName().startsWith("scheduling")) {
            recorded.add(sql.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT));
        }
    }

    private final class RecordingDataSource extends DelegatingDataSource {

        RecordingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(super.getConnection(username, password));
        }

        private Connection wrap(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> {
                if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                        && args != null && args[0] instanceof String sql) {
                    record(sql);
                }
                return invoke(connection, method, args);
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
