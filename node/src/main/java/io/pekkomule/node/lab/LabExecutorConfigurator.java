package io.pekkomule.node.lab;

import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * A dispatcher executor that hands every mailbox run to a {@link LabLoop} instead of a thread
 * pool (configured as {@code executor = "io.pekkomule.node.lab.LabExecutorConfigurator"} with
 * {@code lab-loop = NAME}): the same actors, run one at a time on the lab's thread.
 */
public final class LabExecutorConfigurator extends ExecutorServiceConfigurator {
  private final String loop;

  public LabExecutorConfigurator(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    this.loop = config.getString("lab-loop");
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory tf) {
    return () -> new LoopExecutor(LabLoop.named(loop));
  }

  private static final class LoopExecutor extends AbstractExecutorService {
    private final LabLoop loop;
    private volatile boolean shutdown;

    LoopExecutor(LabLoop loop) {
      this.loop = loop;
    }

    @Override
    public void execute(Runnable command) {
      loop.submit(command);
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
