package dev.keymint.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Calls released at the same moment, each on its own thread, once every thread is ready. */
public final class Simultaneously {

    private Simultaneously() {
    }

    /** A call that is told which of the simultaneous calls it is. */
    public interface Indexed<T> {
        T call(int index) throws Exception;
    }

    public static <T> List<T> run(int count, Callable<T> call) throws Exception {
        return run(Collections.nCopies(count, call));
    }

    public static <T> List<T> run(int count, Indexed<T> call) throws Exception {
        List<Callable<T>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            calls.add(() -> call.call(index));
        }
        return run(calls);
    }

    /** The answers in the order of {@code calls}. */
    public static <T> List<T> run(List<? extends Callable<T>> calls) throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(calls.size())) {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> answers = new ArrayList<>();
            for (Callable<T> call : calls) {
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> all = new ArrayList<>();
            for (Future<T> answer : answers) {
                all.add(answer.get(60, TimeUnit.SECONDS));
            }
            return all;
        }
    }
}
